using System.Text;
using Hotset.Agent.Hypervisor.Qmp;
using Hotset.Agent.Operability;
using Hotset.Testing.Qmp;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hotset.Agent.Tests.Operability;

/// <summary>A QMP command QEMU refuses is counted in <c>hotset_agent_qmp_errors_total</c> by command and error class.</summary>
public sealed class QmpErrorMetricsTests
{
    [Fact]
    public async Task ErrorReply_CountedByCommandAndErrorClass()
    {
        using var metrics = new AgentMetrics();
        await using var qemu = FakeQmpServer.Start();
        qemu.On("x-metrics-probe", FakeQmpReply.Fail("GenericError", "refused for the test"));
        await using var client = await QmpClient.ConnectAsync(qemu.SocketPath, TimeSpan.FromSeconds(5), NullLogger.Instance, CancellationToken.None);

        await Assert.ThrowsAsync<QmpException>(() => client.ExecuteAsync("x-metrics-probe", null, CancellationToken.None));

        using var text = new MemoryStream();
        await metrics.Registry.CollectAndExportAsTextAsync(text);
        Assert.Contains("hotset_agent_qmp_errors_total{command=\"x-metrics-probe\",error_class=\"GenericError\"} 1",
            Encoding.UTF8.GetString(text.ToArray()), StringComparison.Ordinal);
    }
}
