using System.Text.Json;
using System.Text.Json.Nodes;
using Hotset.Agent.Hypervisor.Qemu;
using Hotset.Agent.Hypervisor.Qmp;
using Hotset.Agent.Tests.Hypervisor.Qemu;
using Hotset.Core.Agent;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hotset.Agent.Tests.Verbs.RealQemu;

/// <summary>
/// vCPUs plugged and unplugged on the diagnostic QMP socket, behind the agent's back: the agent's slot cache is wrong
/// then, and its next hot set must still leave QEMU and the guest with the count asked for.
/// </summary>
[Collection(RealQemuGroup.Name)]
public sealed class RealQemuBehindTheBackTests : RealAgentTestBase
{
    [Fact]
    public async Task SetNumberOfCpus_AfterChangesOnTheDiagnosticSocket_QemuAndTheGuestHaveTheCountAskedFor()
    {
        var definition = TestGuest.Vm("behind", 1, 4);
        var vm = await Agent.CreateAsync(definition);
        await SetAsync(vm, 2);
        var diagSocket = Agent.State.Combine("vms", vm, "run", "qmp-diag.sock");
        await using var diag = await QmpClient.ConnectAsync(diagSocket, TimeSpan.FromSeconds(10), NullLogger.Instance, CancellationToken.None);

        // A vCPU the agent did not plug: the live count no longer matches what the agent knows.
        await PlugAsync(diag, definition, 2, "diag2");
        await Agent.UntilCpusAsync(vm, 3);
        await SetAsync(vm, 4);
        await Agent.UntilCpusAsync(vm, 4);

        // The agent's vCPU 3 replaced by another device in the same slot: the count matches, the device id does not.
        await diag.ExecuteAsync("device_del", new JsonObject { ["id"] = "vcpu3" }, CancellationToken.None);
        await Agent.UntilCpusAsync(vm, 3);
        await PlugAsync(diag, definition, 3, "diag3");
        await Agent.UntilCpusAsync(vm, 4);
        await SetAsync(vm, 2);
        var two = await Agent.UntilCpusAsync(vm, 2);
        await SetAsync(vm, 3);
        var three = await Agent.UntilCpusAsync(vm, 3);

        Assert.Equal([0, 1], two.GuestCpusOnline);
        Assert.Equal([0, 1, 2], three.GuestCpusOnline);
        Assert.Equal(3, three.VcpuThreadIds.Count);
        var slots = VcpuSlot.Parse(
            await diag.ExecuteAsync("query-hotpluggable-cpus", null, CancellationToken.None), VcpuTopology.For(definition, new QemuOptions().VcpuBudget));
        Assert.Equal(["vcpu1", "vcpu2"], slots.Select(s => s.DeviceId).OfType<string>().Order(StringComparer.Ordinal));
    }

    private static async Task PlugAsync(QmpClient diag, VmDefinition definition, int index, string id)
    {
        var slots = VcpuSlot.Parse(
            await diag.ExecuteAsync("query-hotpluggable-cpus", null, CancellationToken.None), VcpuTopology.For(definition, new QemuOptions().VcpuBudget));
        var slot = slots.Single(s => s.Index == index);
        var args = new JsonObject { ["driver"] = slot.Type, ["id"] = id };
        foreach (var (name, value) in slot.Props)
        {
            args[name] = value?.DeepClone();
        }

        await diag.ExecuteAsync("device_add", args, CancellationToken.None);
    }

    private Task<JsonElement> SetAsync(string vm, int numberOfCpus) =>
        Agent.Rpc.ResultAsync(AgentMethods.SetNumberOfCpus, new { vmID = vm, numberOfCpus });
}
