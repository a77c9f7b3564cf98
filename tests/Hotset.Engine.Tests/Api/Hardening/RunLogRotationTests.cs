using System.Diagnostics;
using Hotset.Engine.Tests.Testing;

namespace Hotset.Engine.Tests.Api.Hardening;

/// <summary>
/// <c>make run</c> (<c>scripts/run.sh</c>) keeps the logs of the last five runs instead of truncating them, so the stack
/// trace of a crash survives the next start.
/// </summary>
public sealed class RunLogRotationTests : IDisposable
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("hotset-logs-");

    public void Dispose() => _data.Delete(recursive: true);

    [Fact]
    public void RunScript_RotatesBothLogsBeforeStartingAgentAndEngine()
    {
        var script = File.ReadAllText(Path.Combine(Repository.Root, "scripts", "run.sh"));

        foreach (var log in new[] { "agent.log", "engine.log" })
        {
            var rotation = script.IndexOf($"scripts/rotate-log.sh \"$data/{log}\"", StringComparison.Ordinal);
            var start = script.IndexOf($">\"$data/{log}\"", StringComparison.Ordinal);
            Assert.True(rotation >= 0 && rotation < start, $"run.sh does not rotate {log} before it writes a new one");
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
