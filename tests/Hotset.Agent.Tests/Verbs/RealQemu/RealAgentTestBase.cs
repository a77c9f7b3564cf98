namespace Hotset.Agent.Tests.Verbs.RealQemu;

/// <summary>A fresh <see cref="RealAgent"/> per test, disposed (with every VM it started) after it.</summary>
public abstract class RealAgentTestBase : IAsyncLifetime
{
    private RealAgent? _agent;

    private protected RealAgent Agent => _agent ?? throw new InvalidOperationException("The test has not started.");

    /// <summary>The agent's hypervisor driver the tests run against: <c>qemu</c>, or <c>libvirt</c> in a subclass.</summary>
    protected virtual string Driver => "qemu";

    public Task InitializeAsync()
    {
        _agent = new RealAgent(driver: Driver);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_agent is not null)
        {
            await _agent.DisposeAsync();
        }
    }
}
