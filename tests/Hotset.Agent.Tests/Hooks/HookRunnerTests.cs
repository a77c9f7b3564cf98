using System.Diagnostics;
using System.Text.Json;
using Hotset.Agent.Hooks;
using Hotset.Agent.Tests.Testing;
using Hotset.Core.Agent;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Hotset.Agent.Tests.Hooks;

public sealed class HookRunnerTests : IDisposable
{
    private const string Point = HookPoint.BeforeSetNumOfCpus;
    private static readonly VmDefinition Vm = new() { VmId = "vm-7", VmName = "web01", NumberOfCpus = 2 };
    private static readonly Dictionary<string, string> NoEnvironment = [];
    private readonly TempDirectory _hooks = new();
    private readonly TempDirectory _output = new();

    public void Dispose()
    {
        _hooks.Dispose();
        _output.Dispose();
    }

    [Fact]
    public async Task RunAsync_SeveralScripts_RunInLexicalOrder()
    {
        foreach (var name in new[] { "20_b", "10_a", "3_c" })
        {
            Add(name, $"echo {name} >> '{_output.Combine("log")}'");
        }

        var result = await Runner().RunAsync(Point, Vm, NoEnvironment, default);

        Assert.True(result.Succeeded);
        Assert.Equal(["10_a", "20_b", "3_c"], result.Ran);
        Assert.Equal(["10_a", "20_b", "3_c"], File.ReadAllLines(_output.Combine("log")));
    }

    [Fact]
    public async Task RunAsync_ScriptExitsWithTwo_FailsAndRunsNoFurtherScripts()
    {
        Add("10_veto", "echo 'hot plug vetoed' >&2; exit 2");
        Add("20_never", $"touch '{_output.Combine("ran")}'");

        var result = await Runner().RunAsync(Point, Vm, NoEnvironment, default);

        Assert.False(result.Succeeded);
        Assert.Equal(["10_veto"], result.Ran);
        Assert.Equal("before_set_num_of_cpus/10_veto exited with 2: hot plug vetoed", result.Failure!.ToString());
        Assert.False(File.Exists(_output.Combine("ran")));
    }

    [Fact]
    public async Task RunAsync_ScriptExitsWithOne_RunsTheRemainingScriptsThenFails()
    {
        Add("10_ok", "exit 0");
        Add("50_check", "echo 'guest agent not ready' >&2; exit 1");
        Add("60_still_runs", $"touch '{_output.Combine("ran")}'");

        var result = await Runner().RunAsync(Point, Vm, NoEnvironment, default);

        Assert.False(result.Succeeded);
        Assert.Equal(["10_ok", "50_check", "60_still_runs"], result.Ran);
        Assert.Equal(1, result.Failure!.ExitCode);
        Assert.Equal("before_set_num_of_cpus/50_check exited with 1: guest agent not ready", result.Failure.ToString());
        Assert.True(File.Exists(_output.Combine("ran")));
    }

    [Fact]
    public async Task RunAsync_OneThenTwo_StopsAtTheTwoAndReportsIt()
    {
        Add("10_soft", "echo soft >&2; exit 1");
        Add("20_hard", "echo hard >&2; exit 2");
        Add("30_never", $"touch '{_output.Combine("ran")}'");

        var result = await Runner().RunAsync(Point, Vm, NoEnvironment, default);

        Assert.Equal(["10_soft", "20_hard"], result.Ran);
        Assert.Equal("before_set_num_of_cpus/20_hard exited with 2: hard", result.Failure!.ToString());
        Assert.False(File.Exists(_output.Combine("ran")));
    }

    [Fact]
    public async Task RunAsync_UnexpectedExitCode_FailsLikeOneAndLetsTheOthersRun()
    {
        Add("10_odd", "exit 3");
        Add("20_ok", $"touch '{_output.Combine("ran")}'");

        var result = await Runner().RunAsync(Point, Vm, NoEnvironment, default);

        Assert.Equal(["10_odd", "20_ok"], result.Ran);
        Assert.Equal(3, result.Failure!.ExitCode);
        Assert.True(File.Exists(_output.Combine("ran")));
    }

    [Fact]
    public async Task RunAsync_NonExecutableAndHiddenFiles_AreSkipped()
    {
        Add("10_plain", "exit 1", executable: false);
        Add(".20_hidden", "exit 1");
        Add("30_ok", "exit 0");

        var result = await Runner().RunAsync(Point, Vm, NoEnvironment, default);

        Assert.True(result.Succeeded);
        Assert.Equal(["30_ok"], result.Ran);
    }

    [Fact]
    public async Task RunAsync_NoDirectoryForTheHookPoint_RunsNothing()
    {
        var result = await Runner().RunAsync(HookPoint.AfterVmDestroy, Vm, NoEnvironment, default);

        Assert.True(result.Succeeded);
        Assert.Empty(result.Ran);
    }

    [Fact]
    public async Task RunAsync_Script_SeesVmIdNameCountsAndTheDefinitionFile()
    {
        var env = _output.Combine("env");
        Add("10_env", $"""
            echo "$vmId|$vmName|$currentNumberOfCpus|$newNumberOfCpus" > '{env}'
            cp "$_hook_domxml" '{_output.Combine("domxml.json")}'
            echo "$_hook_domxml" > '{_output.Combine("domxml.path")}'
            stat -c %a "$_hook_domxml" > '{_output.Combine("domxml.mode")}'
            """);
        var counts = new Dictionary<string, string> { ["currentNumberOfCpus"] = "2", ["newNumberOfCpus"] = "4" };

        var result = await Runner().RunAsync(Point, Vm, counts, default);

        Assert.True(result.Succeeded);
        Assert.Equal("vm-7|web01|2|4", File.ReadAllText(env).Trim());
        var definition = JsonSerializer.Deserialize<VmDefinition>(File.ReadAllText(_output.Combine("domxml.json")));
        Assert.Equal(Vm, definition! with { CpuPinning = null });
        Assert.False(File.Exists(File.ReadAllText(_output.Combine("domxml.path")).Trim()));
        Assert.Equal("600", File.ReadAllText(_output.Combine("domxml.mode")).Trim());
    }

    [Fact]
    public async Task RunAsync_ScriptRunsPastTheTimeout_IsKilledAndCountsAsFailed()
    {
        var marker = _output.Combine("late");
        Add("10_slow", $"sleep 30; touch '{marker}'");
        var watch = Stopwatch.StartNew();

        var result = await Runner(TimeSpan.FromSeconds(1)).RunAsync(Point, Vm, NoEnvironment, default);

        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(10));
        Assert.False(result.Succeeded);
        Assert.Null(result.Failure!.ExitCode);
        Assert.Equal("before_set_num_of_cpus/10_slow did not finish within 1 s and was killed", result.Failure.ToString());
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public async Task RunAsync_ScriptThatCannotBeExecuted_Fails()
    {
        var path = Add("10_broken", "");
        File.WriteAllBytes(path, [0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 0]);

        var result = await Runner().RunAsync(Point, Vm, NoEnvironment, default);

        Assert.False(result.Succeeded);
        Assert.StartsWith("before_set_num_of_cpus/10_broken could not be started", result.Failure!.ToString(), StringComparison.Ordinal);
    }

    private string Add(string name, string body, bool executable = true) =>
        HookScripts.Add(_hooks.Path, Point, name, body, executable);

    private HookRunner Runner(TimeSpan? timeout = null) => new(
        Options.Create(new HookOptions { Directory = _hooks.Path, Timeout = timeout ?? TimeSpan.FromSeconds(10) }),
        TimeProvider.System,
        NullLogger<HookRunner>.Instance);
}
