using System.Net;
using Hotset.Client;

namespace Hotset.EndToEnd.Tests;

/// <summary>
/// The seed's negative pinning test through the whole product: a running VM with vCPU 1 pinned cannot go from 4 vCPUs
/// to 1 (SPEC §4's text, HTTP 400), and nothing changes — the stored sockets, QEMU's vCPUs and the guest's CPUs.
/// </summary>
[Collection(HotsetProductGroup.Name)]
public sealed class PinnedUnplugEndToEndTests(HotsetProduct product)
{
    [Fact]
    public async Task PinnedVcpu1_UnplugFourToOne_RefusedWithSpecTextAndTheGuestKeepsFour()
    {
        var api = product.Api;
        // 4 vCPUs on a 2-core machine need an overcommit ratio above 1; the cluster gets its own back afterwards.
        var cluster = (await api.Client.Clusters.ListAsync()).Single(c => c.Name == "Default");
        await api.Client.Clusters.UpdateAsync(cluster.Id, new ClusterUpdate { VcpuOvercommitRatio = 4 });
        try
        {
            await RunAsync(api);
        }
        finally
        {
            await api.Client.Clusters.UpdateAsync(cluster.Id, new ClusterUpdate { VcpuOvercommitRatio = cluster.VcpuOvercommitRatio });
        }
    }

    private static async Task RunAsync(EngineApi api)
    {
        var created = await api.Client.Vms.AddAsync(new VmCreate("e2e-pinned-unplug")
        {
            Cluster = "Default",
            Template = "Blank",
            Memory = 128L * 1024 * 1024,
            Sockets = 2,
            Cores = 1,
            Threads = 1,
            VcpuPins = [new VcpuPin(0, "0"), new VcpuPin(1, "0")],
        });
        await api.StartAndWaitForGuestAsync(created.Id, guestCpus: 2);
        await api.SetTopologyAsync(created.Id, sockets: 4);
        await api.WaitForVmAsync(created.Id, v => v.GuestCpuCount == 4 && v.VcpuCount == 4,
            "4 vCPUs in QEMU and 4 CPUs online in the guest", TimeSpan.FromSeconds(60));

        var refused = await Assert.ThrowsAsync<HotsetApiException>(() => api.SetTopologyAsync(created.Id, sockets: 1));

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("CPU pinning validation failed - virtual CPU does not exist in vm.", refused.Detail, StringComparison.Ordinal);
        var vm = await api.GetVmAsync(created.Id);
        Assert.Equal((4, 4, 4), (vm.Topology.Sockets, vm.VcpuCount, vm.GuestCpuCount));
    }
}
