using System.Net;
using System.Text.Json.Nodes;

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

        var preview = await api.GetAsync($"vms/{id}/cpuoptions");
        var options = preview["cpu_option"]!.AsArray();
        Assert.Equal("unchanged", (string?)options[0]!["outcome"]);
        Assert.Equal("hot_plug", (string?)options[1]!["outcome"]);

        using var response = await api.PutVmAsync(id, new JsonObject
        {
            ["cpu"] = new JsonObject { ["topology"] = new JsonObject { ["sockets"] = "2" } },
        });
        Assert.Equal(2, EngineApi.Number(await EngineApi.ReadAsync(response, HttpStatusCode.OK), "cpu/topology/sockets"));

        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(60);
        JsonArray vcpus;
        do
        {
            await Task.Delay(250);
            vcpus = (await api.GetAsync($"vms/{id}/vcpus"))["vcpu"]!.AsArray();
        }
        while ((bool?)vcpus[1]!["online"] != true && DateTimeOffset.UtcNow < deadline);

        Assert.Equal(1, (int?)vcpus[1]!["index"]);
        Assert.True((bool?)vcpus[1]!["plugged"]);
        Assert.True((bool?)vcpus[1]!["online"], $"vCPU 1 is not online in the guest: {vcpus[1]}");
        Assert.True((int?)vcpus[1]!["host_thread_id"] > 0);
        Assert.True((bool?)vcpus[0]!["online"]);
        Assert.NotEqual((int?)vcpus[0]!["host_thread_id"], (int?)vcpus[1]!["host_thread_id"]);
        Assert.False((bool?)vcpus[2]!["plugged"]);
        Assert.Null(vcpus[2]!["online"]);
    }
}
