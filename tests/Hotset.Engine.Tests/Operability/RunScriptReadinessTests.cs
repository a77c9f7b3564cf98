using System.Globalization;
using System.Runtime.Versioning;
using Hotset.Engine.Tests.Testing;

namespace Hotset.Engine.Tests.Operability;

/// <summary>
/// <c>make run</c> (<c>scripts/run.sh</c>) with stand-ins for <c>dotnet</c> and <c>curl</c> on the PATH: "Hotset is
/// running" is printed only once the engine's <c>/health/ready</c> reports host <c>local</c> up, and a host that never
/// comes up ends the script with the last readiness report instead of a banner.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class RunScriptReadinessTests : IDisposable
{
    private const string Banner = "Hotset is running.";
    private readonly RunScriptSandbox _sandbox = new("hotset-ready-");

    private string Probes => Path.Combine(_sandbox.Root, "probes");

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task Run_HostUpOnlyAtTheFourthProbe_BannerAfterTheHostIsUp()
    {
        WriteStubs(upFromProbe: 4);

        var (output, exitCode) = await RunAsync(readyTimeoutSeconds: 60);

        Assert.True(output.Contains(Banner, StringComparison.Ordinal), output);
        Assert.Equal(4, File.ReadAllLines(Probes).Length);
        Assert.Equal(0, exitCode);
    }

    [Fact]
    public async Task Run_HostNeverUp_NoBannerExitsWithTheLastReport()
    {
        WriteStubs(upFromProbe: int.MaxValue);

        var (output, exitCode) = await RunAsync(readyTimeoutSeconds: 2);

        Assert.DoesNotContain(Banner, output, StringComparison.Ordinal);
        Assert.Contains("did not report host 'local' Up", output, StringComparison.Ordinal);
        Assert.Contains("\"local\":\"non_responsive\"", output, StringComparison.Ordinal);
        Assert.NotEqual(0, exitCode);
    }

    private void WriteStubs(int upFromProbe)
    {
        var limit = upFromProbe == int.MaxValue ? "999999" : upFromProbe.ToString(CultureInfo.InvariantCulture);
        foreach (var state in new[] { "up", "non_responsive" })
        {
            File.WriteAllText(Path.Combine(_sandbox.Root, state + ".json"),
                """{"status":"Degraded","checks":{"hosts":{"data":{"local":"STATE"}}}}""".Replace("STATE", state, StringComparison.Ordinal));
        }

        _sandbox.WriteTool("curl", $"""
            #!/bin/sh
            case "$*" in
              *health/ready*)
                echo probe >>"{Probes}"
                if [ "$(wc -l <"{Probes}")" -ge {limit} ]; then state=up; else state=non_responsive; fi
                cat "{_sandbox.Root}/$state.json" ;;
            esac
            exit 0
            """);
    }

    private Task<(string Output, int ExitCode)> RunAsync(int readyTimeoutSeconds) =>
        _sandbox.RunAsync(
            new Dictionary<string, string?>
            {
                ["HOTSET_ADMIN_PASSWORD"] = "readiness-test-password",
                ["HOTSET_READY_TIMEOUT"] = readyTimeoutSeconds.ToString(CultureInfo.InvariantCulture),
            },
            TimeSpan.FromSeconds(120));
}
