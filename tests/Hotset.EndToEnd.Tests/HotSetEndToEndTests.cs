using System.Net;
using Hotset.Client;

namespace Hotset.EndToEnd.Tests;

/// <summary>
/// SPEC §3 through the whole product: REST engine → host agent → real QEMU → the test guest onlining its CPUs.
/// One small VM per test (128 MiB, TCG); every VM started is stopped by the stack.
/// </summary>
[Collection(HotsetProductGroup.Name)]
public sealed class HotSetEndToEndTests(HotsetProduct product)
{
    private EngineApi Api => product.Api;

    [Fact]
    public async Task PutSockets_RunningVm_HotPlugsAndGuestOnlinesTheCpu()
    {
        var id = await Api.CreateVmAsync("e2e-plug");
        await Api.StartAndWaitForGuestAsync(id, guestCpus: 1);

        var result = await Api.SetTopologyAsync(id, sockets: 2);

        Assert.Equal(2, result.Vm.Topology.Sockets);
        Assert.Equal((HotSetOutcome.Applied, 1, 2), (result.HotSet?.Result, result.HotSet?.Previous, result.HotSet?.Requested));
        Assert.Contains((2033, "Hotplug CPU: changed the number of CPUs on VM e2e-plug from 1 to 2"), await Api.EventTextsOfAsync(id));
        await Api.WaitForVmAsync(id, v => v.GuestCpuCount == 2 && v.VcpuCount == 2,
            "2 vCPUs in QEMU and 2 CPUs online in the guest", TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task PutSockets_BeforeHookFails_200SocketsKeptDescriptionSavedAgentTextInEvent()
    {
        product.AddHook("before_set_num_of_cpus", "50_refuse_e2e_hookfail",
            "case \"$vmName\" in e2e-hookfail*) echo 'guest agent not ready (e2e hook)' >&2; exit 1;; esac; exit 0");
        var id = await Api.CreateVmAsync("e2e-hookfail");
        await Api.StartAndWaitForGuestAsync(id, guestCpus: 1);

        var result = await Api.SetTopologyAsync(id, sockets: 2, description: "saved anyway");

        Assert.Equal((1, "saved anyway"), (result.Vm.Topology.Sockets, result.Vm.Description));
        Assert.Equal((HotSetOutcome.Failed, 1, 2), (result.HotSet?.Result, result.HotSet?.Previous, result.HotSet?.Requested));
        var failed = (await Api.EventsOfAsync(id)).Where(e => e.Code == 2034).ToList();
        var description = Assert.Single(failed).Description;
        Assert.StartsWith("Failed to hot set number of CPUS to VM e2e-hookfail. Underlying error message: ", description,
            StringComparison.Ordinal);
        Assert.Contains("guest agent not ready (e2e hook)", description, StringComparison.Ordinal);
        var stored = await Api.GetVmAsync(id);
        Assert.Equal((1, "saved anyway", 1), (stored.Topology.Sockets, stored.Description, stored.VcpuCount));
    }

    [Fact]
    public async Task PutSockets_NextRun_CurrentUnchangedThenAppliedAfterStopStart()
    {
        var id = await Api.CreateVmAsync("e2e-nextrun");
        await Api.StartAndWaitForGuestAsync(id, guestCpus: 1);

        var result = await Api.SetTopologyAsync(id, sockets: 2, nextRun: true);

        Assert.Equal(1, result.Vm.Topology.Sockets);
        Assert.True(result.Vm.NextRunConfigurationExists);
        Assert.Equal(2, (await Api.GetVmAsync(id, nextRun: true)).Topology.Sockets);
        Assert.Equal(1, (await Api.GetVmAsync(id)).VcpuCount);

        await Api.Client.Vms.StopAsync(id);
        await Api.StartAndWaitForGuestAsync(id, guestCpus: 2);

        var restarted = await Api.GetVmAsync(id);
        Assert.Equal((2, 2), (restarted.Topology.Sockets, restarted.VcpuCount));
        Assert.False(restarted.NextRunConfigurationExists);
    }

    [Fact]
    public async Task PutSockets_TwoConcurrentUpdates_OneIsRefusedWith409()
    {
        product.AddHook("before_set_num_of_cpus", "40_slow_e2e_concurrent",
            "case \"$vmName\" in e2e-concurrent*) sleep 2;; esac; exit 0");
        var id = await Api.CreateVmAsync("e2e-concurrent");
        await Api.StartAndWaitForGuestAsync(id, guestCpus: 1);

        var first = Api.SetTopologyAsync(id, sockets: 2);
        await Task.Delay(500);
        var second = Api.SetTopologyAsync(id, sockets: 2, description: "second");

        Assert.Equal(HotSetOutcome.Applied, (await first).HotSet?.Result);
        var refused = await Assert.ThrowsAsync<HotsetApiException>(() => second);
        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Contains("Cannot edit VM. VM is being updated.", refused.Detail, StringComparison.Ordinal);
        Assert.Equal(2, (await Api.GetVmAsync(id)).Topology.Sockets);
    }
}
