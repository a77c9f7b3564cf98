using System.Text.Json.Nodes;
using Hotset.Agent.Hypervisor.Qmp;
using Hotset.Core.Agent;

namespace Hotset.Agent.Hypervisor.Qemu;

/// <summary>Hot plug: <c>device_add</c> into the lowest free slots, one vCPU at a time, each counted against the budget.</summary>
internal sealed partial class VcpuPlug(QemuMonitor monitor, QemuVcpuSlots slots, VmDefinition vm, ILogger logger)
{
    /// <summary>
    /// Plugs vCPUs into <paramref name="known"/> slots until the VM has <paramref name="target"/>. The first
    /// <c>device_add</c> may have been sent already (<paramref name="firstAdd"/>, its reply). Returns null when done,
    /// or the refusal of QEMU on slots that changed behind the agent's back; throws any other refusal.
    /// </summary>
    public async Task<StaleSlots?> RunAsync(IReadOnlyList<VcpuSlot> known, int target, Task<JsonNode?>? firstAdd, CancellationToken ct)
    {
        if (slots.PlugRefusal(known, target) is { } refusal)
        {
            throw new HypervisorException(refusal);
        }

        var current = known.Count(s => s.Plugged);
        var plugged = 0;
        foreach (var slot in VcpuSlot.ToPlug(known, target - current, vm.MaxVCpus))
        {
            var add = DeviceAdd(slot);
            try
            {
                await (firstAdd ?? monitor.Qmp.ExecuteAsync(add.Command, add.Arguments, ct));
                firstAdd = null;
            }
            catch (QmpException e) when (e.ErrorClass is not (QmpException.Disconnected or QmpException.Timeout))
            {
                // The slot or the id may be taken behind the agent's back: only QEMU knows.
                var (fresh, changed) = await slots.RefreshAsync(ct);
                var refused = $"QEMU refused to plug vCPU {slot.Index} into VM '{vm.VmName}': {e.Description}. The VM has {fresh.Count(s => s.Plugged)} vCPUs now.";
                return changed ? new StaleSlots("device_add", e.Description, refused, fresh) : throw new HypervisorException(refused, e);
            }
            catch (QmpException e)
            {
                throw new HypervisorException(
                    $"QEMU refused to plug vCPU {slot.Index} into VM '{vm.VmName}': {e.Description}. The VM has {current + plugged} vCPUs now.", e);
            }

            plugged++;
            slots.RecordPlugged(slot);
        }

        LogPlugged(logger, vm.VmId, current, current + plugged);
        return null;
    }

    /// <summary>The <c>device_add</c> of a vCPU into <paramref name="slot"/>, with the device id Hotset gives it.</summary>
    public static QmpCommand DeviceAdd(VcpuSlot slot)
    {
        var args = new JsonObject { ["driver"] = slot.Type, ["id"] = VcpuTopology.DeviceId(slot.Index) };
        foreach (var (name, value) in slot.Props)
        {
            args[name] = value?.DeepClone();
        }

        return new QmpCommand("device_add", args);
    }

    [LoggerMessage(EventId = 3301, Level = LogLevel.Information, Message = "VM {VmId}: plugged vCPUs, {From} -> {To}")]
    private static partial void LogPlugged(ILogger logger, string vmId, int from, int to);
}
