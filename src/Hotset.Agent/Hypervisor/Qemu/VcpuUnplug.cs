using System.Globalization;
using System.Text.Json.Nodes;
using Hotset.Agent.Hypervisor.Qmp;
using Hotset.Core.Agent;

namespace Hotset.Agent.Hypervisor.Qemu;

/// <summary>
/// Hot unplug: <c>device_del</c> of the highest-indexed vCPUs the agent plugged, then waiting for the guest's eject:
/// under TCG no <c>DEVICE_DELETED</c> carries a vCPU's id, the one for its <c>lapic</c> child does; polling
/// <c>query-hotpluggable-cpus</c> is the fallback.
/// </summary>
internal sealed partial class VcpuUnplug(
    QemuMonitor monitor, QemuVcpuSlots slots, VmDefinition vm, TimeSpan timeout, TimeProvider time, ILogger logger)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Unplugs vCPUs from <paramref name="known"/> slots until the VM has <paramref name="target"/>. Returns null when
    /// done, or the refusal of QEMU on slots that changed behind the agent's back (nothing was unplugged then); throws
    /// any other refusal and an eject not seen in time, naming the count the VM has now.
    /// </summary>
    public async Task<StaleSlots?> RunAsync(IReadOnlyList<VcpuSlot> known, int target, CancellationToken ct)
    {
        var current = known.Count(s => s.Plugged);
        var count = current - target;
        var plan = VcpuSlot.ToUnplug(known, count);
        if (plan.Count < count)
        {
            throw new HypervisorException(
                $"Cannot unplug {count} vCPUs from VM '{vm.VmName}': only {plan.Count} of its {current} vCPUs were plugged as devices. It keeps its {current} vCPUs.");
        }

        using var events = monitor.Qmp.Subscribe();
        var pending = new HashSet<string>(StringComparer.Ordinal);
        string? refused = null;
        foreach (var slot in plan)
        {
            try
            {
                await monitor.Qmp.ExecuteAsync("device_del", new JsonObject { ["id"] = slot.DeviceId }, ct);
                pending.Add(slot.DeviceId!);
            }
            catch (QmpException e) when (e.ErrorClass is not QmpException.Disconnected)
            {
                refused = $"QEMU refused to unplug vCPU {slot.Index}: {e.Description}";
                if (pending.Count == 0 && await slots.RefreshAsync(ct) is { Changed: true } fresh)
                {
                    // E.g. a timed-out unplug that the guest completed later.
                    return new StaleSlots("device_del", e.Description, Failed(refused, fresh.Slots.Count(s => s.Plugged)), fresh.Slots);
                }

                break;
            }
        }

        var asked = pending.ToList();
        var allGone = await WaitForEjectAsync(events, pending, ct);
        foreach (var gone in asked.Where(id => !pending.Contains(id)))
        {
            slots.RecordUnplugged(gone);
        }

        if (refused is not null || !allGone)
        {
            slots.Invalidate();
            var now = (await monitor.ExecuteAsync("query-cpus-fast", null, ct) as JsonArray)?.Count ?? 0;
            throw new HypervisorException(Failed(refused ?? string.Create(CultureInfo.InvariantCulture,
                $"the guest did not eject {pending.Count} of {count} vCPUs within {timeout.TotalSeconds:0.#} s (it may still do so later)"), now));
        }

        LogUnplugged(logger, vm.VmId, current, target);
        return null;
    }

    private string Failed(string why, int now) => $"Unplugging vCPUs from VM '{vm.VmName}' failed: {why}. The VM has {now} vCPUs now.";

    private async Task<bool> WaitForEjectAsync(QmpEventSubscription events, HashSet<string> pending, CancellationToken ct)
    {
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
        while (pending.Count > 0)
        {
            using var pollTimer = new CancellationTokenSource(PollInterval, time);
            using var poll = CancellationTokenSource.CreateLinkedTokenSource(linked.Token, pollTimer.Token);
            try
            {
                var e = await events.ReadAsync(poll.Token);
                if (e.Name == "DEVICE_DELETED")
                {
                    pending.RemoveWhere(id => e.GetString("device") == id || e.GetString("path") is { } p &&
                        (p == $"/machine/peripheral/{id}" || p == $"/machine/peripheral/{id}/lapic"));
                }
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                var plugged = (await slots.QueryAsync(ct)).Select(s => s.DeviceId).OfType<string>().ToHashSet();
                pending.IntersectWith(plugged);
                if (deadline.IsCancellationRequested)
                {
                    break;
                }
            }
        }

        return pending.Count == 0;
    }

    [LoggerMessage(EventId = 3302, Level = LogLevel.Information, Message = "VM {VmId}: unplugged vCPUs, {From} -> {To}")]
    private static partial void LogUnplugged(ILogger logger, string vmId, int from, int to);
}
