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

    [Fact]
    public async Task Run_TwoLocalHosts_StartsASecondAgentAndRegistersItAsLocal2()
    {
        WriteStubs(upFromProbe: 1, upHosts: "\"local\":\"up\",\"local2\":\"up\"");

        var (output, exitCode) = await RunAsync(readyTimeoutSeconds: 60, localHosts: 2);

        Assert.True(output.Contains(Banner, StringComparison.Ordinal), output);
        Assert.Contains("host 'local2'", output, StringComparison.Ordinal);
        Assert.Contains("./hotset vm migrate vm2 --host local2 --wait", output, StringComparison.Ordinal);
        var agents = File.ReadAllLines(_sandbox.AgentCommandLines);
        Assert.Equal(2, agents.Length);
        Assert.Contains(agents, a => a.Contains("--Agent:Urls=http://127.0.0.1:54322", StringComparison.Ordinal)
            && a.Contains("/data/agent2 ", StringComparison.Ordinal));
        var register = Assert.Single(File.ReadAllLines(Path.Combine(_sandbox.Root, "curl")), c => c.Contains("-X POST", StringComparison.Ordinal));
        Assert.Contains("\"name\":\"local2\",\"address\":\"http://127.0.0.1:54322\",\"root_password\":\"0123456789abcdef\"", register,
            StringComparison.Ordinal);
        Assert.Equal(0, exitCode);
    }

    private void WriteStubs(int upFromProbe, string upHosts = "\"local\":\"up\"")
    {
        var limit = upFromProbe == int.MaxValue ? "999999" : upFromProbe.ToString(CultureInfo.InvariantCulture);
        foreach (var state in new[] { "up", "non_responsive" })
        {
            File.WriteAllText(Path.Combine(_sandbox.Root, state + ".json"),
                """{"status":"Degraded","checks":{"hosts":{"data":{HOSTS}}}}""".Replace("HOSTS",
                    state == "up" ? upHosts : "\"local\":\"non_responsive\"", StringComparison.Ordinal));
        }

        _sandbox.WriteTool("curl", $"""
            #!/bin/sh
            echo "$*" >>"{_sandbox.Root}/curl"
            case "$*" in
              *health/ready*)
                echo probe >>"{Probes}"
                if [ "$(wc -l <"{Probes}")" -ge {limit} ]; then state=up; else state=non_responsive; fi
                cat "{_sandbox.Root}/$state.json" ;;
            esac
            exit 0
            """);
    }

    private Task<(string Output, int ExitCode)> RunAsync(int readyTimeoutSeconds, int localHosts = 1) =>
        _sandbox.RunAsync(
            new Dictionary<string, string?>
            {
                ["HOTSET_ADMIN_PASSWORD"] = "readiness-test-password",
                ["HOTSET_LOCAL_HOSTS"] = localHosts.ToString(CultureInfo.InvariantCulture),
                ["HOTSET_READY_TIMEOUT"] = readyTimeoutSeconds.ToString(CultureInfo.InvariantCulture),
            },
            TimeSpan.FromSeconds(120));
}
