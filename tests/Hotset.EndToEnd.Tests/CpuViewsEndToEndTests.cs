using Hotset.Client;

namespace Hotset.EndToEnd.Tests;

/// <summary>
/// The CPU views through the whole product: the preview says 2 sockets is a hot plug, the PUT does it in real QEMU,
/// and the vCPU table shows the new vCPU plugged (QEMU's thread) and online (the guest agent's answer).
/// </summary>
[Collection(HotsetProductGroup.Name)]
public sealed class CpuViewsEndToEndTests(HotsetProduct product)
{
    [Fact]
    public async Task PreviewThenPut_HotPlug_VcpuTableShowsTheNewVcpuPluggedAndOnline()
    {
        var api = product.Api;
        var id = await api.CreateVmAsync("e2e-views");
        await api.StartAndWaitForGuestAsync(id, guestCpus: 1);

        var preview = await api.Client.Vms.GetCpuOptionsAsync(id);
        Assert.Equal(CpuOutcome.Unchanged, preview.For(1)?.Outcome);
        Assert.Equal(CpuOutcome.HotPlug, preview.For(2)?.Outcome);

        var result = await api.SetTopologyAsync(id, sockets: 2);
        Assert.Equal(2, result.Vm.Topology.Sockets);

        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(60);
        IReadOnlyList<Vcpu> vcpus;
        do
        {
            await Task.Delay(250);
            vcpus = await api.Client.Vms.GetVcpusAsync(id);
        }
        while (vcpus[1].Online != true && DateTimeOffset.UtcNow < deadline);

        Assert.Equal(1, vcpus[1].Index);
        Assert.True(vcpus[1].Plugged);
        Assert.True(vcpus[1].Online == true, $"vCPU 1 is not online in the guest: {vcpus[1]}");
        Assert.True(vcpus[1].HostThreadId > 0);
        Assert.True(vcpus[0].Online);
        Assert.NotEqual(vcpus[0].HostThreadId, vcpus[1].HostThreadId);
        Assert.False(vcpus[2].Plugged);
        Assert.Null(vcpus[2].Online);
    }
}
