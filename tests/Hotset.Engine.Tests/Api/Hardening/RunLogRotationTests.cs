using System.Diagnostics;
using System.Runtime.Versioning;
using Hotset.Engine.Tests.Testing;

namespace Hotset.Engine.Tests.Api.Hardening;

/// <summary>
/// <c>make run</c> (<c>scripts/run.sh</c>) keeps the logs of the last five runs instead of truncating them, so the stack
/// trace of a crash survives the next start: the engine's and every local agent's.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class RunLogRotationTests : IDisposable
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("hotset-logs-");

    public void Dispose() => _data.Delete(recursive: true);

    [Fact]
    public async Task Run_TwoLocalHosts_TheLogsOfThePreviousRunAreKeptNotTruncated()
    {
        string[] logs = ["engine.log", "agent.log", "agent2.log"];
        using var sandbox = new RunScriptSandbox("hotset-rotate-");
        sandbox.WriteTool("curl", $"""
            #!/bin/sh
            case "$*" in *health/ready*) cat "{sandbox.Root}/ready.json" ;; esac
            exit 0
            """);
        File.WriteAllText(Path.Combine(sandbox.Root, "ready.json"),
            """{"status":"Healthy","checks":{"hosts":{"data":{"local":"up","local2":"up"}}}}""");
        Directory.CreateDirectory(sandbox.Data);
        foreach (var log in logs)
        {
            await File.WriteAllTextAsync(Path.Combine(sandbox.Data, log), "previous run\n");
        }

        var (output, _) = await sandbox.RunAsync(
            new Dictionary<string, string?> { ["HOTSET_ADMIN_PASSWORD"] = "rotation-test-password", ["HOTSET_LOCAL_HOSTS"] = "2" },
            TimeSpan.FromSeconds(60));

        foreach (var log in logs)
        {
            Assert.True(File.Exists(Path.Combine(sandbox.Data, log + ".1")), $"{log} was not rotated:\n{output}");
            Assert.Equal("previous run", (await File.ReadAllTextAsync(Path.Combine(sandbox.Data, log + ".1"))).Trim());
            Assert.DoesNotContain("previous run", await File.ReadAllTextAsync(Path.Combine(sandbox.Data, log)), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task RotateLog_SevenStarts_KeepsTheCurrentAndTheFivePrevious()
    {
        var log = Path.Combine(_data.FullName, "engine.log");
        for (var run = 1; run <= 7; run++)
        {
            await RotateAsync(log);
            await File.WriteAllTextAsync(log, $"run {run}\n");
        }

        Assert.Equal("run 7", (await File.ReadAllTextAsync(log)).Trim());
        for (var n = 1; n <= 5; n++)
        {
            Assert.Equal($"run {7 - n}", (await File.ReadAllTextAsync($"{log}.{n}")).Trim());
        }

        Assert.False(File.Exists(log + ".6"));
    }

    [Fact]
    public async Task RotateLog_NoLogYet_DoesNothing()
    {
        await RotateAsync(Path.Combine(_data.FullName, "agent.log"));

        Assert.Empty(_data.GetFiles());
    }

    private static async Task RotateAsync(string log)
    {
        using var process = Process.Start(new ProcessStartInfo("bash", [Path.Combine(Repository.Root, "scripts", "rotate-log.sh"), log])
        {
            RedirectStandardError = true,
        })!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, error);
    }
}
