using Hotset.Agent.Tests.Testing;
using Hotset.Core.Agent;

namespace Hotset.Agent.Tests.Vms;

/// <summary>The agent's stop phase: it ends and awaits every background loop before it lets go of QEMU.</summary>
public sealed class AgentStopTests : IAsyncLifetime
{
    private readonly AgentUnderTest _agent = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _agent.DisposeAsync().AsTask();

    [Fact]
    public async Task Stop_ShutdownWatchdogPoweringOff_WaitsForItAndRecordsTheVmDown()
    {
        await _agent.Rpc.CreateAsync(AgentUnderTest.Definition("vm1"));
        var domain = _agent.Hypervisor.Domain("vm1");
        domain.DestroyGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _agent.Rpc.ResultAsync(AgentMethods.Shutdown, new { vmID = "vm1", delay = 0, message = "bye" });
        await domain.DestroyStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var stop = _agent.Factory.DisposeAsync().AsTask();
        await Task.Delay(TimeSpan.FromMilliseconds(300));

        Assert.False(stop.IsCompleted, "The agent stopped while its shutdown watchdog was still powering a VM off.");
        domain.DestroyGate.SetResult();
        await stop.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(domain.Destroyed);
        await _agent.RestartAsync();
        var stats = await _agent.Rpc.StatsAsync("vm1");
        Assert.Equal("Down", stats.Status);
        Assert.StartsWith("The guest did not power off within 0 s", stats.ExitMessage, StringComparison.Ordinal);
    }
}
