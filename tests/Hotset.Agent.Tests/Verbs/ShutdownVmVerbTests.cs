using Hotset.Agent.Tests.Testing;
using Hotset.Core.Agent;
using Microsoft.Extensions.Time.Testing;

namespace Hotset.Agent.Tests.Verbs;

public sealed class ShutdownVmVerbTests : IAsyncLifetime
{
    private readonly AgentUnderTest _agent = new();

    public async Task InitializeAsync() => await _agent.Rpc.CreateAsync(AgentUnderTest.Definition("vm1"));

    public Task DisposeAsync() => _agent.DisposeAsync().AsTask();

    [Fact]
    public async Task Shutdown_GuestPowersOff_VmIsDownWithTheExitMessageUntilDestroyed()
    {
        var domain = _agent.Hypervisor.Domain("vm1");
        domain.PowersOffOnShutdown = true;

        await _agent.Rpc.ResultAsync(AgentMethods.Shutdown, new { vmID = "vm1", delay = 30, message = "maintenance" });

        await Eventually.TrueAsync(async () => (await _agent.Rpc.StatsAsync("vm1")).Status == "Down");
        var stats = await _agent.Rpc.StatsAsync("vm1");
        Assert.Equal("The guest powered off.", stats.ExitMessage);
        Assert.Equal(-1, stats.VcpuCount);
        Assert.False(domain.Destroyed);
    }

    [Fact]
    public async Task Shutdown_GuestIgnoresTheButton_IsPoweredOffAfterTheDelay()
    {
        var domain = _agent.Hypervisor.Domain("vm1");

        await _agent.Rpc.ResultAsync(AgentMethods.Shutdown, new { vmID = "vm1", delay = 0 });

        await Eventually.TrueAsync(async () => (await _agent.Rpc.StatsAsync("vm1")).Status == "Down");
        Assert.Equal(1, domain.ShutdownRequests);
        Assert.True(domain.Destroyed);
        Assert.StartsWith("The guest did not power off within 0 s", (await _agent.Rpc.StatsAsync("vm1")).ExitMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shutdown_GuestIgnoresTheButton_StaysUpForTheWholeDelayThenIsPoweredOff()
    {
        var time = new FakeTimeProvider();
        await using var agent = new AgentUnderTest(time: time);
        await agent.Rpc.CreateAsync(AgentUnderTest.Definition("vm1"));
        var domain = agent.Hypervisor.Domain("vm1");

        await agent.Rpc.ResultAsync(AgentMethods.Shutdown, new { vmID = "vm1", delay = 30 });
        time.Advance(TimeSpan.FromSeconds(29));
        await Task.Delay(100);

        Assert.Equal("Up", (await agent.Rpc.StatsAsync("vm1")).Status);
        Assert.False(domain.Destroyed);
        time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.TrueAsync(async () => (await agent.Rpc.StatsAsync("vm1")).Status == "Down");
        Assert.True(domain.Destroyed);
    }

    [Fact]
    public async Task Shutdown_WithinTheDelay_AnswersAtOnceAndTheVmStaysUp()
    {
        var domain = _agent.Hypervisor.Domain("vm1");

        await _agent.Rpc.ResultAsync(AgentMethods.Shutdown, new { vmID = "vm1" });

        Assert.Equal(1, domain.ShutdownRequests);
        Assert.Equal("Up", (await _agent.Rpc.StatsAsync("vm1")).Status);
        Assert.False(domain.Destroyed);
    }

    [Fact]
    public async Task Shutdown_UnknownVm_AnswersNoSuchVm()
    {
        var error = await _agent.Rpc.ErrorAsync(AgentMethods.Shutdown, new { vmID = "ghost", delay = 1 });

        Assert.Equal(AgentErrorCodes.NoSuchVm, error.Code);
    }

    [Fact]
    public async Task Shutdown_NegativeDelay_AnswersInvalidParams()
    {
        var error = await _agent.Rpc.ErrorAsync(AgentMethods.Shutdown, new { vmID = "vm1", delay = -1 });

        Assert.Equal(AgentErrorCodes.InvalidParams, error.Code);
    }
}
