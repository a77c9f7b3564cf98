namespace Hotset.EndToEnd.Tests;

/// <summary>
/// SPEC §8 <b>Better:</b> the engine notices when the hypervisor's vCPU count differs from what it stored (here the
/// host is changed behind the engine's back, as when an unplug the engine gave up on completes later) and records
/// the truth with an event.
/// </summary>
[Collection(HotsetProductGroup.Name)]
public sealed class ReconciliationEndToEndTests(HotsetProduct product)
{
    [Fact]
    public async Task Monitoring_HostCountChangedBehindTheEngine_StoresTheTruthAndLogs20035()
    {
        var api = product.Api;
        var id = await api.CreateVmAsync("e2e-reconcile");
        await api.StartAndWaitForGuestAsync(id, guestCpus: 1);

        await product.AgentClient().SetNumberOfCpusAsync(id, 2, default);

        var vm = await api.WaitForVmAsync(id, v => v.Topology.Sockets == 2,
            "sockets 2 stored from the host's count", TimeSpan.FromSeconds(30));
        Assert.Equal(2, vm.VcpuCount);
        Assert.Contains((20035,
            "VM e2e-reconcile has 2 vCPUs on host local, not the 1 the engine had stored (a CPU change completed on " +
            "the host after the engine stopped waiting); the engine now records 2 sockets."), await api.EventTextsOfAsync(id));

        var result = await api.SetTopologyAsync(id, sockets: 1);
        Assert.Equal(1, result.Vm.Topology.Sockets);
    }
}
