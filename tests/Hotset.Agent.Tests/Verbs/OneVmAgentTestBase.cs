using Hotset.Agent.Tests.Testing;

namespace Hotset.Agent.Tests.Verbs;

/// <summary>An in-process agent (with its fake hypervisor) running one VM "vm1": 1 vCPU, max 8; a temp directory for hook output.</summary>
public abstract class OneVmAgentTestBase : IAsyncLifetime
{
    private protected AgentUnderTest Agent { get; } = new();

    private protected TempDirectory Output { get; } = new();

    public async Task InitializeAsync() =>
        await Agent.Rpc.CreateAsync(AgentUnderTest.Definition("vm1", cpus: 1, maxVCpus: 8));

    public async Task DisposeAsync()
    {
        await Agent.DisposeAsync();
        Output.Dispose();
    }
}
