using System.Net;
using System.Text.Json.Nodes;

namespace Hotset.EndToEnd.Tests;

/// <summary>
/// SPEC §3 through the whole product: REST engine → host agent → real QEMU → the test guest onlining its CPUs.
/// One small VM per test (128 MiB, TCG); every VM started is stopped by the stack.
/// </summary>
[Collection(HotsetProductGroup.Name)]
public sealed class HotSetEndToEndTests(HotsetProduct product)
{
    private EngineApi Api => product.Api;

    private static JsonObject Sockets(int sockets, string? description = null)
    {
        var body = new JsonObject
        {
            ["cpu"] = new JsonObject { ["topology"] = new JsonObject { ["sockets"] = sockets.ToString(System.Globalization.CultureInfo.InvariantCulture) } },
        };
        if (description is not null)
        {
            body["description"] = description;
        }

        return body;
    }

    [Fact]
    public async Task PutSockets_RunningVm_HotPlugsAndGuestOnlinesTheCpu()
    {
        var id = await Api.CreateVmAsync("e2e-plug");
        await Api.StartAndWaitForGuestAsync(id, guestCpus: 1);

        using var response = await Api.PutVmAsync(id, Sockets(2));

        var vm = await EngineApi.ReadAsync(response, HttpStatusCode.OK);
        Assert.Equal(2, EngineApi.Number(vm, "cpu/topology/sockets"));
        Assert.StartsWith("applied; previous=1; requested=2", response.Headers.GetValues("Hotset-Cpu-Hot-Set").Single(),
            StringComparison.Ordinal);
        Assert.Contains((2033, "Hotplug CPU: changed the number of CPUs on VM e2e-plug from 1 to 2"), await Api.EventsOfAsync(id));
        await Api.WaitForVmAsync(id, v => EngineApi.Number(v, "guest_cpu_count") == 2 && EngineApi.Number(v, "vcpu_count") == 2,
            "2 vCPUs in QEMU and 2 CPUs online in the guest", TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task PutSockets_BeforeHookFails_200SocketsKeptDescriptionSavedAgentTextInEvent()
    {
        product.AddHook("before_set_num_of_cpus", "50_refuse_e2e_hookfail",
            "case \"$vmName\" in e2e-hookfail*) echo 'guest agent not ready (e2e hook)' >&2; exit 1;; esac; exit 0");
        var id = await Api.CreateVmAsync("e2e-hookfail");
        await Api.StartAndWaitForGuestAsync(id, guestCpus: 1);

        using var response = await Api.PutVmAsync(id, Sockets(2, description: "saved anyway"));

        var vm = await EngineApi.ReadAsync(response, HttpStatusCode.OK);
        Assert.Equal(1, EngineApi.Number(vm, "cpu/topology/sockets"));
        Assert.Equal("saved anyway", (string?)vm["description"]);
        Assert.StartsWith("failed; previous=1; requested=2", response.Headers.GetValues("Hotset-Cpu-Hot-Set").Single(),
            StringComparison.Ordinal);
        var failed = (await Api.EventsOfAsync(id)).Where(e => e.Code == 2034).ToList();
        var description = Assert.Single(failed).Description;
        Assert.StartsWith("Failed to hot set number of CPUS to VM e2e-hookfail. Underlying error message: ", description,
            StringComparison.Ordinal);
        Assert.Contains("guest agent not ready (e2e hook)", description, StringComparison.Ordinal);
        var stored = await Api.GetVmAsync(id);
        Assert.Equal((1, "saved anyway"), (EngineApi.Number(stored, "cpu/topology/sockets"), (string?)stored["description"]));
        Assert.Equal(1, EngineApi.Number(stored, "vcpu_count"));
    }

    [Fact]
    public async Task PutSockets_NextRun_CurrentUnchangedThenAppliedAfterStopStart()
    {
        var id = await Api.CreateVmAsync("e2e-nextrun");
        await Api.StartAndWaitForGuestAsync(id, guestCpus: 1);

        using var response = await Api.PutVmAsync(id, Sockets(2), nextRun: true);

        var vm = await EngineApi.ReadAsync(response, HttpStatusCode.OK);
        Assert.Equal(1, EngineApi.Number(vm, "cpu/topology/sockets"));
        Assert.Equal("true", (string?)vm["next_run_configuration_exists"]);
        Assert.Equal(2, EngineApi.Number(await Api.GetVmAsync(id, nextRun: true), "cpu/topology/sockets"));
        Assert.Equal(1, EngineApi.Number(await Api.GetVmAsync(id), "vcpu_count"));

        await Api.ActionAsync(id, "stop");
        await Api.StartAndWaitForGuestAsync(id, guestCpus: 2);

        var restarted = await Api.GetVmAsync(id);
        Assert.Equal((2, 2), (EngineApi.Number(restarted, "cpu/topology/sockets"), EngineApi.Number(restarted, "vcpu_count")));
        Assert.Equal("false", (string?)restarted["next_run_configuration_exists"]);
    }

    [Fact]
    public async Task PutSockets_TwoConcurrentUpdates_OneIsRefusedWith409()
    {
        product.AddHook("before_set_num_of_cpus", "40_slow_e2e_concurrent",
            "case \"$vmName\" in e2e-concurrent*) sleep 2;; esac; exit 0");
        var id = await Api.CreateVmAsync("e2e-concurrent");
        await Api.StartAndWaitForGuestAsync(id, guestCpus: 1);

        var first = Api.PutVmAsync(id, Sockets(2));
        await Task.Delay(500);
        var second = Api.PutVmAsync(id, Sockets(2, description: "second"));
        using var a = await first;
        using var b = await second;

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], new[] { a.StatusCode, b.StatusCode });
        var fault = await EngineApi.ReadAsync(b, HttpStatusCode.Conflict);
        Assert.Contains("Cannot edit VM. VM is being updated.", (string?)fault["detail"], StringComparison.Ordinal);
        Assert.Equal(2, EngineApi.Number(await Api.GetVmAsync(id), "cpu/topology/sockets"));
    }
}
