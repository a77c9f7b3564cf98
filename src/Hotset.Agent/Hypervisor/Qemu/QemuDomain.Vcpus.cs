using System.Globalization;
using System.Text.Json.Nodes;
using Hotset.Agent.Hypervisor.Qmp;

namespace Hotset.Agent.Hypervisor.Qemu;

public sealed partial class QemuDomain
{
    private static readonly TimeSpan UnplugPollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Plugs (<c>device_add</c> of the lowest free slots) or unplugs (<c>device_del</c> of the highest plugged vCPUs,
    /// then waiting for the guest's eject) until QEMU has <paramref name="numberOfCpus"/> vCPUs, and returns how many
    /// it had before. Refuses below 1, above the VM's max, and past QEMU's lifetime vCPU budget, changing nothing.
    /// Changes of one VM run one at a time. The slots come from <see cref="VcpuSlotCache"/> while it agrees with
    /// QEMU's live vCPU count; a change that QEMU refuses because the cache was wrong (a change behind the agent's back)
    /// is retried once on fresh slots.
    /// </summary>
    public async Task<int> SetVcpusAsync(int numberOfCpus, CancellationToken ct)
    {
        await _changing.WaitAsync(ct);
        try
        {
            if (_slotCache is { Valid: true, Slots: { } cached } && numberOfCpus > _slotCache.PluggedCount &&
                PlugRefusal(cached, numberOfCpus) is null)
            {
                return await PlugOnCachedSlotsAsync(cached, numberOfCpus, ct);
            }

            var live = await GetVcpuCountAsync(ct);
            var slots = _slotCache is { Valid: true, Slots: { } known } && _slotCache.PluggedCount == live
                ? known
                : (await RefreshSlotsAsync(ct)).Slots;
            await ConvergeAsync(slots, numberOfCpus, retry: true, ct);
            return live;
        }
        catch (QmpException e)
        {
            // The QMP connection failed mid-change (QEMU exited or hangs); what QEMU has is unknown.
            _slotCache.Invalidate();
            throw new HypervisorException($"Changing the vCPUs of VM '{_vm.VmName}' failed: {e.Message}", e);
        }
        catch (HypervisorException)
        {
            _slotCache.Invalidate();
            throw;
        }
        finally
        {
            _changing.Release();
        }
    }

    /// <summary>
    /// The usual plug: the live count is read and the first vCPU added in one write (QEMU runs the two in order), so
    /// the check that the cached slots are still right costs no extra round trip. When QEMU's count differs from the
    /// cache, something changed behind the agent's back: the slots are read again and the VM is brought to
    /// <paramref name="target"/> from there (the <c>device_add</c> already sent went to a free slot, or failed).
    /// </summary>
    private async Task<int> PlugOnCachedSlotsAsync(IReadOnlyList<VcpuSlot> cached, int target, CancellationToken ct)
    {
        var expected = cached.Count(s => s.Plugged);
        var first = VcpuSlot.ToPlug(cached, 1, _vm.MaxVCpus)[0];
        var replies = _qmp.ExecuteInOrder([new QmpCommand("query-cpus-fast"), DeviceAdd(first)], ct);
        int live;
        try
        {
            live = (await replies[0] as JsonArray)?.Count ?? 0;
        }
        finally
        {
            // Observed whatever happens: after a failed query the device_add may have run or not.
            await ((Task)replies[1]).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        if (live == expected)
        {
            await PlugAsync(cached, target, retry: true, ct, firstAdd: replies[1]);
            return live;
        }

        if (replies[1].IsCompletedSuccessfully)
        {
            RecordCreated();
            _slotCache.MarkPlugged(first.Index, VcpuTopology.DeviceId(first.Index));
        }

        LogSlotsChanged(_logger, _vm.VmId, "query-cpus-fast",
            string.Create(CultureInfo.InvariantCulture, $"QEMU had {live} vCPUs where the agent knew of {expected}"));
        var (fresh, _) = await RefreshSlotsAsync(ct);
        await ConvergeAsync(fresh, target, retry: false, ct);
        return live;
    }

    private async Task ConvergeAsync(IReadOnlyList<VcpuSlot> slots, int target, bool retry, CancellationToken ct)
    {
        var current = slots.Count(s => s.Plugged);
        if (target < 1 || target > _vm.MaxVCpus)
        {
            throw new HypervisorException(PlugRefusal(slots, target)!);
        }

        if (target > current)
        {
            await PlugAsync(slots, target, retry, ct);
        }
        else if (target < current)
        {
            await UnplugAsync(slots, target, retry, ct);
        }
    }

    /// <summary>
    /// Reads the slot layout and what is plugged from QEMU (at start and attach; later only when in doubt). When QEMU
    /// does not answer, the first hot set reads them.
    /// </summary>
    internal async Task LoadSlotsAsync(CancellationToken ct)
    {
        await _changing.WaitAsync(ct);
        try
        {
            await RefreshSlotsAsync(ct);
        }
        catch (HypervisorException)
        {
            _slotCache.Invalidate();
        }
        finally
        {
            _changing.Release();
        }
    }

    /// <summary>Why plugging up to <paramref name="target"/> on <paramref name="slots"/> is refused; null when it is not.</summary>
    private string? PlugRefusal(IReadOnlyList<VcpuSlot> slots, int target)
    {
        var current = slots.Count(s => s.Plugged);
        if (target < 1)
        {
            return $"Cannot set {target} vCPUs on VM '{_vm.VmName}': a VM needs at least 1 vCPU. It keeps its {current} vCPUs.";
        }

        if (target > _vm.MaxVCpus)
        {
            return $"Cannot set {target} vCPUs on VM '{_vm.VmName}': it was started with at most {_vm.MaxVCpus} vCPUs. It keeps its {current} vCPUs; restart it with a higher maximum to grow further.";
        }

        var count = target - current;
        var left = _topology.Slots - CreatedVcpus;
        if (count > left)
        {
            return $"Cannot plug {count} vCPUs into VM '{_vm.VmName}': QEMU can create only {left} more vCPUs in this VM's life ({CreatedVcpus} of {_topology.Slots} created so far; unplugged vCPUs are not recycled under TCG). It keeps its {current} vCPUs; restart the VM to plug more.";
        }

        var free = VcpuSlot.ToPlug(slots, count, _vm.MaxVCpus).Count;
        return free < count
            ? $"Cannot plug {count} vCPUs into VM '{_vm.VmName}': only {free} of its {_vm.MaxVCpus} vCPU slots are free (an unplug may still be in progress). It keeps its {current} vCPUs."
            : null;
    }

    /// <param name="firstAdd">The reply of the first slot's <c>device_add</c> when it was sent already.</param>
    private async Task PlugAsync(
        IReadOnlyList<VcpuSlot> slots, int target, bool retry, CancellationToken ct, Task<JsonNode?>? firstAdd = null)
    {
        if (PlugRefusal(slots, target) is { } refusal)
        {
            throw new HypervisorException(refusal);
        }

        var current = slots.Count(s => s.Plugged);
        var plugged = 0;
        foreach (var slot in VcpuSlot.ToPlug(slots, target - current, _vm.MaxVCpus))
        {
            var add = DeviceAdd(slot);
            try
            {
                await (firstAdd ?? _qmp.ExecuteAsync(add.Command, add.Arguments, ct));
                firstAdd = null;
            }
            catch (QmpException e) when (e.ErrorClass is not (QmpException.Disconnected or QmpException.Timeout))
            {
                // The slot or the id may be taken behind the agent's back: only QEMU knows. Once, go on from there.
                var (fresh, changed) = await RefreshSlotsAsync(ct);
                if (retry && changed)
                {
                    LogSlotsChanged(_logger, _vm.VmId, "device_add", e.Description);
                    await ConvergeAsync(fresh, target, retry: false, ct);
                    return;
                }

                throw new HypervisorException(
                    $"QEMU refused to plug vCPU {slot.Index} into VM '{_vm.VmName}': {e.Description}. The VM has {fresh.Count(s => s.Plugged)} vCPUs now.", e);
            }
            catch (QmpException e)
            {
                throw new HypervisorException(
                    $"QEMU refused to plug vCPU {slot.Index} into VM '{_vm.VmName}': {e.Description}. The VM has {current + plugged} vCPUs now.", e);
            }

            plugged++;
            RecordCreated();
            _slotCache.MarkPlugged(slot.Index, VcpuTopology.DeviceId(slot.Index));
        }

        LogPlugged(_logger, _vm.VmId, current, current + plugged);
    }

    private static QmpCommand DeviceAdd(VcpuSlot slot)
    {
        var args = new JsonObject { ["driver"] = slot.Type, ["id"] = VcpuTopology.DeviceId(slot.Index) };
        foreach (var (name, value) in slot.Props)
        {
            args[name] = value?.DeepClone();
        }

        return new QmpCommand("device_add", args);
    }

    private async Task<(IReadOnlyList<VcpuSlot> Slots, bool Changed)> RefreshSlotsAsync(CancellationToken ct)
    {
        var fresh = await QuerySlotsAsync(ct);
        var (unknown, changed) = _slotCache.Load(fresh);
        if (unknown > 0)
        {
            // Created behind the agent's back (e.g. on the diagnostic socket): they count against the budget too.
            RecordCreated(unknown);
        }

        return (fresh, changed);
    }

    private async Task<IReadOnlyList<VcpuSlot>> QuerySlotsAsync(CancellationToken ct) =>
        VcpuSlot.Parse(await ExecuteAsync("query-hotpluggable-cpus", null, ct), _topology);

    /// <summary>Sets the lifetime vCPU count when its file was lost (after a re-attach): what QEMU has now.</summary>
    internal void AssumeCreated(int created) => _created.Set(created);

    private void RecordCreated(int count = 1) => _created.Add(count);
}
