using System.Net;
using Hotset.Engine.Tests.Api;

namespace Hotset.Engine.Tests.Operability;

/// <summary>The engine's Prometheus <c>/metrics</c>: anonymous, and counting what the engine did.</summary>
public sealed class MetricsEndpointTests : IDisposable
{
    private readonly EngineApp _app = new(fakeHost: true);

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Metrics_NoCredentials_200WithEveryEngineMetric()
    {
        using var client = _app.CreateClient();

        var text = await client.GetStringAsync("/metrics");

        foreach (var name in new[] { "hotset_hot_sets_total", "hotset_hot_set_duration_seconds", "hotset_monitoring_cycle_duration_seconds", "hotset_vms", "hotset_hosts" })
        {
            Assert.Contains($"# TYPE {name} ", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Metrics_AfterAHotPlug_AppliedCountedAndVmsByStatus()
    {
        using var admin = _app.Admin();
        await _app.AddUpHostAsync();
        var id = await admin.AddVmAsync("metrics1");
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"{ApiClient.Api}/vms/{id}/start", ApiClient.Xml("<action/>"))).StatusCode);
        using var anonymous = _app.CreateClient();
        var before = Value(await anonymous.GetStringAsync("/metrics"), "hotset_hot_sets_total{outcome=\"applied\"}");

        var put = await admin.PutAsync($"{ApiClient.Api}/vms/{id}", ApiClient.Xml("<vm><cpu><topology sockets=\"2\"/></cpu></vm>"));

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var text = await anonymous.GetStringAsync("/metrics");
        Assert.Equal(before + 1, Value(text, "hotset_hot_sets_total{outcome=\"applied\"}"));
        Assert.Equal(1, Value(text, "hotset_hot_set_duration_seconds_count{outcome=\"applied\"}"));
        Assert.Equal(1, Value(text, "hotset_vms{status=\"up\"}"));
        Assert.Equal(1, Value(text, "hotset_hosts{status=\"up\"}"));
    }

    /// <summary>The value of one sample line, e.g. <c>hotset_vms{status="up"} 1</c>.</summary>
    internal static double Value(string metrics, string series)
    {
        var line = metrics.Split('\n').SingleOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal))
            ?? throw new Xunit.Sdk.XunitException($"No sample {series} in:\n{metrics}");
        return double.Parse(line[(series.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }
}
