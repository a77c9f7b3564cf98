using System.Text.Json;
using Hotset.Agent.Tests.Testing;
using Hotset.Agent.Verbs;
using Hotset.Core.Agent;

namespace Hotset.Agent.Tests.Verbs;

public sealed class GetCapabilitiesVerbTests
{
    [Fact]
    public async Task GetCapabilities_ReportsTheHostCpusTheHypervisorAndTheAgentVersion()
    {
        await using var agent = new AgentUnderTest();

        var capabilities = (await agent.Rpc.ResultAsync(AgentMethods.GetCapabilities)).Deserialize<HostCapabilities>()!;

        var host = HostCpuTopology.Read();
        Assert.Equal(Environment.MachineName, capabilities.HostName);
        Assert.Equal(host.Threads, capabilities.CpuThreads);
        Assert.Equal(host.Cores, capabilities.CpuCores);
        Assert.Equal(host.Sockets, capabilities.CpuSockets);
        Assert.Equal(host.OnlineCpus, capabilities.OnlineCpus);
        Assert.Equal("10.0.2", capabilities.QemuVersion);
        Assert.Equal(["pc", "q35"], capabilities.EmulatedMachines);
        Assert.Equal(255, capabilities.MaxVCpus);
        Assert.False(string.IsNullOrWhiteSpace(capabilities.AgentVersion));
        Assert.False(capabilities.UsesLibvirt);
    }
}
