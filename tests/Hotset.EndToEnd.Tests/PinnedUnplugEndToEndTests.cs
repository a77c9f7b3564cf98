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
        var created = await api.Client.Vms.AddAsync(new VmCreate("e2e-pinned-unplug")
        {
            Cluster = "Default",
            Template = "Blank",
            Memory = 128L * 1024 * 1024,
            Sockets = 4,
            Cores = 1,
            Threads = 1,
            VcpuPins = [new VcpuPin(0, "0"), new VcpuPin(1, "0")],
        });
        // Started with 4 (a plug 2→4 would need more host cores than a 2-core machine offers at overcommit 1).
        await api.StartAndWaitForGuestAsync(created.Id, guestCpus: 4);
        await api.WaitForVmAsync(created.Id, v => v.VcpuCount == 4, "4 vCPUs in QEMU", TimeSpan.FromSeconds(60));

        var refused = await Assert.ThrowsAsync<HotsetApiException>(() => api.SetTopologyAsync(created.Id, sockets: 1));

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("CPU pinning validation failed - virtual CPU does not exist in vm.", refused.Detail, StringComparison.Ordinal);
        var vm = await api.GetVmAsync(created.Id);
        Assert.Equal((4, 4, 4), (vm.Topology.Sockets, vm.VcpuCount, vm.GuestCpuCount));
    }
}
