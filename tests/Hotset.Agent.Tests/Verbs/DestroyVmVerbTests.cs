using Hotset.Agent.Hooks;
using Hotset.Agent.Tests.Testing;
using Hotset.Core.Agent;

namespace Hotset.Agent.Tests.Verbs;

public sealed class DestroyVmVerbTests : IAsyncLifetime
{
    private readonly AgentUnderTest _agent = new();
    private readonly TempDirectory _output = new();

    public async Task InitializeAsync() => await _agent.Rpc.CreateAsync(AgentUnderTest.Definition("vm1"));

    public async Task DisposeAsync()
    {
        await _agent.DisposeAsync();
        _output.Dispose();
    }

    [Fact]
    public async Task Destroy_RunningVm_StopsQemuForgetsTheVmAndRunsAfterHooks()
    {
        var env = _output.Combine("env");
        _agent.AddHook(HookPoint.AfterVmDestroy, "10_env", $"echo \"$vmId $vmName\" > '{env}'");
        var domain = _agent.Hypervisor.Domain("vm1");

        var result = await _agent.Rpc.ResultAsync(AgentMethods.Destroy, new { vmID = "vm1" });

        Assert.Equal("{}", result.GetRawText());
        Assert.True(domain.Destroyed);
        Assert.True(domain.Disposed);
        Assert.False(Directory.Exists(_agent.State.Combine("vms", "vm1")));
        Assert.Equal(AgentErrorCodes.NoSuchVm, (await _agent.Rpc.ErrorAsync(AgentMethods.GetStats, new { vmID = "vm1" })).Code);
        Assert.Equal("vm1 name-vm1", File.ReadAllText(env).Trim());
    }

    [Fact]
    public async Task Destroy_UnknownVm_AnswersNoSuchVm()
    {
        var error = await _agent.Rpc.ErrorAsync(AgentMethods.Destroy, new { vmID = "ghost" });

        Assert.Equal(AgentErrorCodes.NoSuchVm, error.Code);
    }

    [Fact]
    public async Task Destroy_DownVm_ClearsItAndTheIdCanBeUsedAgain()
    {
        _agent.Hypervisor.Domain("vm1").Exit("QEMU was killed by signal 9.");
        await Eventually.TrueAsync(async () => (await _agent.Rpc.StatsAsync("vm1")).Status == "Down");

        await _agent.Rpc.ResultAsync(AgentMethods.Destroy, new { vmID = "vm1" });
        await _agent.Rpc.CreateAsync(AgentUnderTest.Definition("vm1"));

        Assert.Equal("Up", (await _agent.Rpc.StatsAsync("vm1")).Status);
    }
}
