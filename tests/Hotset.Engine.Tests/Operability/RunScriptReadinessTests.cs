using System.Diagnostics;
using System.Runtime.Versioning;
using System.Text;

namespace Hotset.Engine.Tests.Operability;

/// <summary>
/// <c>make run</c> (<c>scripts/run.sh</c>) with stand-ins for <c>dotnet</c> and <c>curl</c> on the PATH: "Hotset is
/// running" is printed only once the engine's <c>/health/ready</c> reports host <c>local</c> up, and a host that never
/// comes up ends the script with the last readiness report instead of a banner.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class RunScriptReadinessTests : IDisposable
{
    private const UnixFileMode Executable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const string Banner = "Hotset is running.";
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("hotset-ready-");

    private string Bin => Path.Combine(_root.FullName, "bin");

    private string Probes => Path.Combine(_root.FullName, "probes");

    public void Dispose() => _root.Delete(recursive: true);

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
        var agents = File.ReadAllLines(Path.Combine(_root.FullName, "agents"));
        Assert.Equal(2, agents.Length);
        Assert.Contains(agents, a => a.Contains("--Agent:Urls=http://127.0.0.1:54322", StringComparison.Ordinal)
            && a.Contains("/data/agent2 ", StringComparison.Ordinal));
        var register = Assert.Single(File.ReadAllLines(Path.Combine(_root.FullName, "curl")), c => c.Contains("-X POST", StringComparison.Ordinal));
        Assert.Contains("\"name\":\"local2\",\"address\":\"http://127.0.0.1:54322\",\"root_password\":\"0123456789abcdef\"", register,
            StringComparison.Ordinal);
        Assert.Equal(0, exitCode);
    }

    private void WriteStubs(int upFromProbe, string upHosts = "\"local\":\"up\"")
    {
        Directory.CreateDirectory(Bin);
        Write(Path.Combine(Bin, "dotnet"), """
            #!/bin/sh
            case "$1" in
              build) exit 0 ;;
              Hotset.Agent.dll)
                echo "$*" >>"AGENTS"
                for a in "$@"; do case "$a" in --Agent:StateDirectory=*) state=${a#*=} ;; esac; done
                echo "0123456789abcdef" >"$state/agent.secret"
                exec sleep 30 ;;
              *) exec sleep 30 ;;
            esac
            """.Replace("AGENTS", Path.Combine(_root.FullName, "agents"), StringComparison.Ordinal));
        var limit = upFromProbe == int.MaxValue ? "999999" : upFromProbe.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var state in new[] { "up", "non_responsive" })
        {
            File.WriteAllText(Path.Combine(_root.FullName, state + ".json"),
                """{"status":"Degraded","checks":{"hosts":{"data":{HOSTS}}}}""".Replace("HOSTS",
                    state == "up" ? upHosts : "\"local\":\"non_responsive\"", StringComparison.Ordinal));
        }

        Write(Path.Combine(Bin, "curl"), $"""
            #!/bin/sh
            echo "$*" >>"{_root.FullName}/curl"
            case "$*" in
              *health/ready*)
                echo probe >>"{Probes}"
                if [ "$(wc -l <"{Probes}")" -ge {limit} ]; then state=up; else state=non_responsive; fi
                cat "{_root.FullName}/$state.json" ;;
            esac
            exit 0
            """);
        Directory.CreateDirectory(Path.Combine(_root.FullName, "artifacts", "bin", "Hotset.Agent", "release"));
        Directory.CreateDirectory(Path.Combine(_root.FullName, "artifacts", "bin", "Hotset.Engine", "release"));
    }

    /// <summary>Runs run.sh until its banner or its exit, then stops it as Ctrl-C would.</summary>
    private async Task<(string Output, int ExitCode)> RunAsync(int readyTimeoutSeconds, int localHosts = 1)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(Repository.Root, "scripts", "run.sh")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PATH"] = Bin + ":" + Environment.GetEnvironmentVariable("PATH");
        start.Environment["HOTSET_DATA_DIR"] = Path.Combine(_root.FullName, "data");
        start.Environment["HOTSET_ARTIFACTS"] = Path.Combine(_root.FullName, "artifacts");
        start.Environment["HOTSET_GUEST_DIR"] = Path.Combine(_root.FullName, "guest");
        start.Environment["HOTSET_ADMIN_PASSWORD"] = "readiness-test-password";
        start.Environment["HOTSET_LOCAL_HOSTS"] = localHosts.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["HOTSET_READY_TIMEOUT"] = readyTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);

        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var errors = process.StandardError.ReadToEndAsync();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            while (await process.StandardOutput.ReadLineAsync(stop.Token) is { } line)
            {
                output.AppendLine(line);
                if (line.StartsWith("Ctrl-C stops", StringComparison.Ordinal))
                {
                    break;
                }
            }
        }
        finally
        {
            if (!process.HasExited)
            {
                using var interrupt = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
                await interrupt.WaitForExitAsync();
            }

            output.Append(await process.StandardOutput.ReadToEndAsync());
            await process.WaitForExitAsync();
        }

        return (output + await errors, process.ExitCode);
    }

    private static void Write(string path, string text)
    {
        File.WriteAllText(path, text.ReplaceLineEndings("\n") + "\n");
        File.SetUnixFileMode(path, Executable);
    }
}
