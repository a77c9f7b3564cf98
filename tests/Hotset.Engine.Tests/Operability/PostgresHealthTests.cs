using System.Diagnostics;
using System.Net;
using System.Runtime.Versioning;
using System.Text.Json.Nodes;
using Hotset.Engine.Tests.Api;
using Hotset.Engine.Tests.Persistence;
using Hotset.Engine.Tests.Testing;
using Hotset.Testing.Processes;

namespace Hotset.Engine.Tests.Operability;

/// <summary>
/// <c>/health/ready</c> on PostgreSQL: ready while the server runs, 503 once it is stopped. The server is a private
/// throwaway cluster (<c>scripts/pg-test.sh</c> in a directory and on a port of its own), never the shared one.
/// </summary>
[Postgres]
[SupportedOSPlatform("linux")]
public sealed class PostgresHealthTests : IDisposable
{
    private readonly string _clusterDirectory = Path.Combine(Path.GetTempPath(), "hotset-pg-health-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly int _port = LoopbackPort.Free();
    private readonly EngineApp _app = new();

    public void Dispose()
    {
        _app.Dispose();
        PgTest("stop");
    }

    [StoreFact]
    public async Task Ready_ServerStopped_503DatabaseUnhealthy()
    {
        var connection = PgTest("start").Trim();
        using var client = _app.WithWebHostBuilder(b => b.UseSetting("ConnectionStrings:Engine", connection)).CreateClient();
        var running = await GetAsync(client);
        Assert.Equal((HttpStatusCode.OK, "Healthy"), (running.Status, (string?)running.Body["checks"]!["database"]!["status"]));
        Assert.Equal("PostgreSQL answers.", (string?)running.Body["checks"]!["database"]!["description"]);

        PgTest("stop");
        var stopped = await GetAsync(client);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, stopped.Status);
        Assert.Equal("Unhealthy", (string?)stopped.Body["checks"]!["database"]!["status"]);
        Assert.DoesNotContain(_port.ToString(System.Globalization.CultureInfo.InvariantCulture), stopped.Body.ToJsonString(), StringComparison.Ordinal);
    }

    private static async Task<(HttpStatusCode Status, JsonObject Body)> GetAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/health/ready");
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    /// <summary>Runs <c>scripts/pg-test.sh</c> on this test's own cluster; returns what it printed.</summary>
    private string PgTest(string command)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(Repository.Root, "scripts", "pg-test.sh"), command])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["HOTSET_PG_DIR"] = _clusterDirectory;
        start.Environment["HOTSET_PG_PORT"] = _port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"pg-test.sh {command} failed: {errors}");
        return output;
    }
}
