using System.Globalization;
using System.Text.Json.Nodes;
using Hotset.Agent.Hypervisor.Qmp;

namespace Hotset.Agent.Hypervisor.Qemu;

public sealed partial class QemuDomain
{
    private async Task UnplugAsync(IReadOnlyList<VcpuSlot> slots, int target, bool retry, CancellationToken ct)
    {
        var current = slots.Count(s => s.Plugged);
        var count = current - target;
        var plan = VcpuSlot.ToUnplug(slots, count);
        if (plan.Count < count)
        {
            throw new HypervisorException(
                $"Cannot unplug {count} vCPUs from VM '{_vm.VmName}': only {plan.Count} of its {current} vCPUs were plugged as devices. It keeps its {current} vCPUs.");
        }

        using var events = _qmp.Subscribe();
        var pending = new HashSet<string>(StringComparer.Ordinal);
        string? refused = null;
        foreach (var slot in plan)
        {
            try
            {
                await _qmp.ExecuteAsync("device_del", new JsonObject { ["id"] = slot.DeviceId }, ct);
                pending.Add(slot.DeviceId!);
            }
            catch (QmpException e) when (e.ErrorClass is not QmpException.Disconnected)
            {
                if (retry && pending.Count == 0 && (await RefreshSlotsAsync(ct)) is { Changed: true } fresh)
                {
                    // The vCPU went behind the agent's back (e.g. a timed-out unplug completed later): once, go on.
                    LogSlotsChanged(_logger, _vm.VmId, "device_del", e.Description);
                    await UnplugAsync(fresh.Slots, target, retry: false, ct);
                    return;
                }

                refused = $"QEMU refused to unplug vCPU {slot.Index}: {e.Description}";
                break;
            }
        }

        var asked = pending.ToList();
        var allGone = await WaitForEjectAsync(events, pending, ct);
        foreach (var gone in asked.Where(id => !pending.Contains(id)))
        {
            _slotCache.MarkUnplugged(gone);
        }

        if (refused is not null || !allGone)
        {
            _slotCache.Invalidate();
            var now = await GetVcpuCountAsync(ct);
            var why = refused ?? string.Create(CultureInfo.InvariantCulture,
                $"the guest did not eject {pending.Count} of {count} vCPUs within {_options.UnplugTimeout.TotalSeconds:0.#} s (it may still do so later)");
            throw new HypervisorException($"Unplugging vCPUs from VM '{_vm.VmName}' failed: {why}. The VM has {now} vCPUs now.");
        }

        LogUnplugged(_logger, _vm.VmId, current, target);
    }

    // Under TCG no DEVICE_DELETED carries a vCPU's id: the one for its lapic child does; polling is the fallback.
    private async Task<bool> WaitForEjectAsync(QmpEventSubscription events, HashSet<string> pending, CancellationToken ct)
    {
        using var deadline = new CancellationTokenSource(_options.UnplugTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
        while (pending.Count > 0)
        {
            using var poll = CancellationTokenSource.CreateLinkedTokenSource(linked.Token);
            poll.CancelAfter(UnplugPollInterval);
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
                var plugged = (await QuerySlotsAsync(ct)).Select(s => s.DeviceId).OfType<string>().ToHashSet();
                pending.IntersectWith(plugged);
                if (deadline.IsCancellationRequested)
                {
                    break;
                }
            }
        }

        return pending.Count == 0;
    }
}
