using Hotset.Agent.Tests.Testing;
using Hotset.Core.Agent;

namespace Hotset.Agent.Tests.Vms;

public sealed class AgentRestartTests : IAsyncLifetime
{
    private readonly AgentUnderTest _agent = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _agent.DisposeAsync().AsTask();

    [Fact]
    public async Task Restart_VmStillRunning_IsReattachedAndManageable()
    {
        await _agent.Rpc.CreateAsync(AgentUnderTest.Definition("vm1", cpus: 1));
        await _agent.Rpc.ResultAsync(AgentMethods.SetNumberOfCpus, new { vmID = "vm1", numberOfCpus = 2 });
        var domain = _agent.Hypervisor.Domain("vm1");

        await _agent.RestartAsync();

        Assert.True(domain.IsRunning);
        Assert.False(domain.Destroyed);
        var stats = await _agent.Rpc.StatsAsync("vm1");
        Assert.Equal(("Up", 2), (stats.Status, stats.VcpuCount));
        Assert.Equal(2, _agent.Factory.Vm("vm1").Definition.NumberOfCpus);
        await _agent.Rpc.ResultAsync(AgentMethods.SetNumberOfCpus, new { vmID = "vm1", numberOfCpus = 3 });
        Assert.Equal(3, domain.Vcpus);
        Assert.Single(_agent.Hypervisor.Starts);
    }

    [Fact]
    public async Task Stop_Agent_LetsGoOfQemuWithoutStoppingIt()
    {
        await _agent.Rpc.CreateAsync(AgentUnderTest.Definition("vm1"));
        var domain = _agent.Hypervisor.Domain("vm1");

        await _agent.Factory.DisposeAsync();

        Assert.True(domain.Disposed);
        Assert.True(domain.IsRunning);
        await _agent.RestartAsync();
        Assert.Equal("Up", (await _agent.Rpc.StatsAsync("vm1")).Status);
    }

    [Fact]
    public async Task Restart_QemuDiedWhileTheAgentWasDown_ReportsDownUntilDestroyed()
    {
        await _agent.Rpc.CreateAsync(AgentUnderTest.Definition("vm1"));
        await _agent.Factory.DisposeAsync();
        _agent.Hypervisor.Domain("vm1").Exit("killed");

        await _agent.RestartAsync();

        var stats = await _agent.Rpc.StatsAsync("vm1");
        Assert.Equal("Down", stats.Status);
        Assert.Equal("QEMU was no longer running when the agent started.", stats.ExitMessage);
        await _agent.RestartAsync();
        Assert.Equal("Down", (await _agent.Rpc.StatsAsync("vm1")).Status);
        await _agent.Rpc.ResultAsync(AgentMethods.Destroy, new { vmID = "vm1" });
        await _agent.RestartAsync();
        Assert.Equal(AgentErrorCodes.NoSuchVm, (await _agent.Rpc.ErrorAsync(AgentMethods.GetStats, new { vmID = "vm1" })).Code);
    }

    [Fact]
    public async Task Restart_QemuExitedWhileTheAgentRan_KeepsTheExitMessage()
    {
        await _agent.Rpc.CreateAsync(AgentUnderTest.Definition("vm1"));
        _agent.Hypervisor.Domain("vm1").Exit("QEMU was killed by signal 9.");
        await Eventually.TrueAsync(async () => (await _agent.Rpc.StatsAsync("vm1")).Status == "Down");

        await _agent.RestartAsync();

        var stats = await _agent.Rpc.StatsAsync("vm1");
        Assert.Equal(("Down", "QEMU was killed by signal 9."), (stats.Status, stats.ExitMessage));
    }
}
