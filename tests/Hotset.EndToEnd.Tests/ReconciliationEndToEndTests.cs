using System.Net;
using System.Text.Json.Nodes;

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

        var vm = await api.WaitForVmAsync(id, v => EngineApi.Number(v, "cpu/topology/sockets") == 2,
            "sockets 2 stored from the host's count", TimeSpan.FromSeconds(30));
        Assert.Equal(2, EngineApi.Number(vm, "vcpu_count"));
        Assert.Contains(await api.EventsOfAsync(id), e => e == (20035,
            "VM e2e-reconcile has 2 vCPUs on host local, not the 1 the engine had stored (a CPU change completed on " +
            "the host after the engine stopped waiting); the engine now records 2 sockets."));

        using var response = await api.PutVmAsync(id, new JsonObject
        {
            ["cpu"] = new JsonObject { ["topology"] = new JsonObject { ["sockets"] = "1" } },
        });
        Assert.Equal(1, EngineApi.Number(await EngineApi.ReadAsync(response, HttpStatusCode.OK), "cpu/topology/sockets"));
    }
}
