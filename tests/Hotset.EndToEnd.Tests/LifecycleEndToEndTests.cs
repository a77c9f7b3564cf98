using Hotset.Client;

namespace Hotset.EndToEnd.Tests;

/// <summary>Unplug and the cold reboot that applies a next-run topology, on the real guest.</summary>
[Collection(HotsetProductGroup.Name)]
public sealed class LifecycleEndToEndTests(HotsetProduct product)
{
    private EngineApi Api => product.Api;

    [Fact]
    public async Task PutSockets_Unplug_GuestGivesTheCpuBack()
    {
        var id = await Api.CreateVmAsync("e2e-unplug", sockets: 2);
        await Api.StartAndWaitForGuestAsync(id, guestCpus: 2);

        var result = await Api.SetTopologyAsync(id, sockets: 1);

        Assert.Equal(1, result.Vm.Topology.Sockets);
        Assert.Equal((HotSetOutcome.Applied, 2, 1), (result.HotSet?.Result, result.HotSet?.Previous, result.HotSet?.Requested));
        Assert.Contains((2033, "Hotplug CPU: changed the number of CPUs on VM e2e-unplug from 2 to 1"), await Api.EventTextsOfAsync(id));
        await Api.WaitForVmAsync(id, v => v.VcpuCount == 1 && v.GuestCpuCount == 1,
            "1 vCPU in QEMU and in the guest", TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Reboot_WithSocketsAndCoresPending_ComesBackWithTheNewTopology()
    {
        var id = await Api.CreateVmAsync("e2e-reboot");
        await Api.StartAndWaitForGuestAsync(id, guestCpus: 1);

        var result = await Api.SetTopologyAsync(id, sockets: 1, cores: 2);
        Assert.Equal(1, result.Vm.Topology.Cores);
        Assert.Equal((HotSetOutcome.NextRun, 1, 2), (result.HotSet?.Result, result.HotSet?.Previous, result.HotSet?.Requested));

        await Api.Client.Vms.RebootAsync(id);
        var rebooted = await Api.WaitForVmAsync(id, v => v.Status == "up" && v.GuestCpuCount == 2,
            "up again with 2 guest CPUs", TimeSpan.FromSeconds(120));

        Assert.Equal((1, 2, 2), (rebooted.Topology.Sockets, rebooted.Topology.Cores, rebooted.VcpuCount));
        Assert.False(rebooted.NextRunConfigurationExists);
        Assert.Contains((157, "VM e2e-reboot is rebooting. Rebooted by: admin@internal"), await Api.EventTextsOfAsync(id));
    }

    [Fact]
    public async Task Shutdown_GuestPowersOff_DownWithNextRunApplied()
    {
        var id = await Api.CreateVmAsync("e2e-shutdown");
        await Api.StartAndWaitForGuestAsync(id, guestCpus: 1);
        await Api.SetTopologyAsync(id, sockets: 2, nextRun: true);

        await Api.Client.Vms.ShutdownAsync(id);
        var down = await Api.WaitForVmAsync(id, v => v.Status == "down", "down", TimeSpan.FromSeconds(90));

        Assert.Equal(2, down.Topology.Sockets);
        Assert.False(down.NextRunConfigurationExists);
        var events = await Api.EventTextsOfAsync(id);
        Assert.Contains((73, "VM shutdown initiated by admin@internal on VM e2e-shutdown (Host: local)."), events);
        Assert.Contains(events, e => e.Code == 61 && e.Description.StartsWith("VM e2e-shutdown is down.", StringComparison.Ordinal));
    }
}
