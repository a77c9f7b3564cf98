using System.Net;
using System.Text.Json.Nodes;

namespace Hotset.EndToEnd.Tests;

/// <summary>Unplug and the cold reboot that applies a next-run topology, on the real guest.</summary>
[Collection(HotsetProductGroup.Name)]
public sealed class LifecycleEndToEndTests(HotsetProduct product)
{
    private EngineApi Api => product.Api;

    private static JsonObject Topology(int sockets, int? cores = null)
    {
        var topology = new JsonObject { ["sockets"] = sockets.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (cores is { } c)
        {
            topology["cores"] = c.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return new JsonObject { ["cpu"] = new JsonObject { ["topology"] = topology } };
    }

    [Fact]
    public async Task PutSockets_Unplug_GuestGivesTheCpuBack()
    {
        var id = await Api.CreateVmAsync("e2e-unplug", sockets: 2);
        await Api.StartAndWaitForGuestAsync(id, guestCpus: 2);

        using var response = await Api.PutVmAsync(id, Topology(1));

        var vm = await EngineApi.ReadAsync(response, HttpStatusCode.OK);
        Assert.Equal(1, EngineApi.Number(vm, "cpu/topology/sockets"));
        Assert.StartsWith("applied; previous=2; requested=1", response.Headers.GetValues("Hotset-Cpu-Hot-Set").Single(),
            StringComparison.Ordinal);
        Assert.Contains((2033, "Hotplug CPU: changed the number of CPUs on VM e2e-unplug from 2 to 1"), await Api.EventsOfAsync(id));
        await Api.WaitForVmAsync(id, v => EngineApi.Number(v, "vcpu_count") == 1 && EngineApi.Number(v, "guest_cpu_count") == 1,
            "1 vCPU in QEMU and in the guest", TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Reboot_WithSocketsAndCoresPending_ComesBackWithTheNewTopology()
    {
        var id = await Api.CreateVmAsync("e2e-reboot");
        await Api.StartAndWaitForGuestAsync(id, guestCpus: 1);

        using var response = await Api.PutVmAsync(id, Topology(1, cores: 2));
        var vm = await EngineApi.ReadAsync(response, HttpStatusCode.OK);
        Assert.Equal(1, EngineApi.Number(vm, "cpu/topology/cores"));
        Assert.StartsWith("next_run; previous=1; requested=2", response.Headers.GetValues("Hotset-Cpu-Hot-Set").Single(),
            StringComparison.Ordinal);

        await Api.ActionAsync(id, "reboot");
        var rebooted = await Api.WaitForVmAsync(id,
            v => EngineApi.Status(v) == "up" && EngineApi.Number(v, "guest_cpu_count") == 2,
            "up again with 2 guest CPUs", TimeSpan.FromSeconds(120));

        Assert.Equal((1, 2, 2), (EngineApi.Number(rebooted, "cpu/topology/sockets"),
            EngineApi.Number(rebooted, "cpu/topology/cores"), EngineApi.Number(rebooted, "vcpu_count")));
        Assert.Equal("false", (string?)rebooted["next_run_configuration_exists"]);
        Assert.Contains(await Api.EventsOfAsync(id), e => e == (157, "VM e2e-reboot is rebooting. Rebooted by: admin@internal"));
    }

    [Fact]
    public async Task Shutdown_GuestPowersOff_DownWithNextRunApplied()
    {
        var id = await Api.CreateVmAsync("e2e-shutdown");
        await Api.StartAndWaitForGuestAsync(id, guestCpus: 1);
        using (var response = await Api.PutVmAsync(id, Topology(2), nextRun: true))
        {
            await EngineApi.ReadAsync(response, HttpStatusCode.OK);
        }

        await Api.ActionAsync(id, "shutdown");
        var down = await Api.WaitForVmAsync(id, v => EngineApi.Status(v) == "down", "down", TimeSpan.FromSeconds(90));

        Assert.Equal(2, EngineApi.Number(down, "cpu/topology/sockets"));
        Assert.Equal("false", (string?)down["next_run_configuration_exists"]);
        var events = await Api.EventsOfAsync(id);
        Assert.Contains(events, e => e == (73, "VM shutdown initiated by admin@internal on VM e2e-shutdown (Host: local)."));
        Assert.Contains(events, e => e.Code == 61 && e.Description.StartsWith("VM e2e-shutdown is down.", StringComparison.Ordinal));
    }
}
