using System.Globalization;
using System.Text.Json.Nodes;
using Hotset.Agent.Hypervisor.Qmp;

namespace Hotset.Agent.Hypervisor.Qemu;

public sealed partial class QemuDomain
{
    private static readonly TimeSpan UnplugPollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Plugs (<c>device_add</c> of the lowest free slots) or unplugs (<c>device_del</c> of the highest plugged vCPUs,
    /// then waiting for the guest's eject) until QEMU has <paramref name="numberOfCpus"/> vCPUs. Refuses below 1, above
    /// the VM's max, and past QEMU's lifetime vCPU budget, changing nothing. Changes of one VM run one at a time.
    /// The slots come from <see cref="VcpuSlotCache"/> while it agrees with QEMU's live vCPU count; a change that
    /// QEMU refuses because the cache was wrong (a change behind the agent's back) is retried once on fresh slots.
    /// </summary>
    public Task SetVcpusAsync(int numberOfCpus, CancellationToken ct) => ChangeVcpusAsync(numberOfCpus, null, ct);

    /// <inheritdoc cref="IVcpuControl.SetVcpusAsync(int, int, CancellationToken)"/>
    public Task SetVcpusAsync(int numberOfCpus, int liveCount, CancellationToken ct) => ChangeVcpusAsync(numberOfCpus, liveCount, ct);

    private async Task ChangeVcpusAsync(int numberOfCpus, int? liveCount, CancellationToken ct)
    {
        await _changing.WaitAsync(ct);
        try
        {
            var slots = await SlotsAsync(liveCount, ct);
            var current = slots.Count(s => s.Plugged);
            if (numberOfCpus < 1)
            {
                throw new HypervisorException($"Cannot set {numberOfCpus} vCPUs on VM '{_vm.VmName}': a VM needs at least 1 vCPU. It keeps its {current} vCPUs.");
            }

            if (numberOfCpus > _vm.MaxVCpus)
            {
                throw new HypervisorException(
                    $"Cannot set {numberOfCpus} vCPUs on VM '{_vm.VmName}': it was started with at most {_vm.MaxVCpus} vCPUs. It keeps its {current} vCPUs; restart it with a higher maximum to grow further.");
            }

            if (numberOfCpus > current)
            {
                await PlugAsync(slots, numberOfCpus, retry: true, ct);
            }
            else if (numberOfCpus < current)
            {
                await UnplugAsync(slots, numberOfCpus, retry: true, ct);
            }
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

    private async Task PlugAsync(IReadOnlyList<VcpuSlot> slots, int target, bool retry, CancellationToken ct)
    {
        var current = slots.Count(s => s.Plugged);
        var count = target - current;
        var left = _topology.Slots - CreatedVcpus;
        if (count > left)
        {
            throw new HypervisorException(
                $"Cannot plug {count} vCPUs into VM '{_vm.VmName}': QEMU can create only {left} more vCPUs in this VM's life ({CreatedVcpus} of {_topology.Slots} created so far; unplugged vCPUs are not recycled under TCG). It keeps its {current} vCPUs; restart the VM to plug more.");
        }

        var plan = VcpuSlot.ToPlug(slots, count, _vm.MaxVCpus);
        if (plan.Count < count)
        {
            throw new HypervisorException(
                $"Cannot plug {count} vCPUs into VM '{_vm.VmName}': only {plan.Count} of its {_vm.MaxVCpus} vCPU slots are free (an unplug may still be in progress). It keeps its {current} vCPUs.");
        }

        var plugged = 0;
        foreach (var slot in plan)
        {
            var id = VcpuTopology.DeviceId(slot.Index);
            var args = new JsonObject { ["driver"] = slot.Type, ["id"] = id };
            foreach (var (name, value) in slot.Props)
            {
                args[name] = value?.DeepClone();
            }

            try
            {
                await _qmp.ExecuteAsync("device_add", args, ct);
            }
            catch (QmpException e) when (e.ErrorClass is not (QmpException.Disconnected or QmpException.Timeout))
            {
                // The slot or the id may be taken behind the agent's back: only QEMU knows. Once, go on from there.
                var (fresh, changed) = await RefreshSlotsAsync(ct);
                if (retry && changed)
                {
                    LogSlotsChanged(_logger, _vm.VmId, "device_add", e.Description);
                    await PlugAsync(fresh, target, retry: false, ct);
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
            _slotCache.MarkPlugged(slot.Index, id);
        }

        LogPlugged(_logger, _vm.VmId, current, current + plugged);
    }

    /// <summary>The cached slots while their count matches QEMU's live vCPUs (one cheap query); else fresh ones.</summary>
    private async Task<IReadOnlyList<VcpuSlot>> SlotsAsync(int? liveCount, CancellationToken ct)
    {
        if (_slotCache is { Valid: true, Slots: { } cached } && _slotCache.PluggedCount == (liveCount ?? await GetVcpuCountAsync(ct)))
        {
            return cached;
        }

        return (await RefreshSlotsAsync(ct)).Slots;
    }

    private async Task<(IReadOnlyList<VcpuSlot> Slots, bool Changed)> RefreshSlotsAsync(CancellationToken ct)
    {
        var fresh = VcpuSlot.Parse(await ExecuteAsync("query-hotpluggable-cpus", null, ct), _topology);
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
    internal void AssumeCreated(int created)
    {
        Volatile.Write(ref _createdVcpus, created);
        File.WriteAllText(_files.CreatedVcpusFile, created.ToString(CultureInfo.InvariantCulture));
    }

    private void RecordCreated(int count = 1)
    {
        var created = Interlocked.Add(ref _createdVcpus, count);
        File.WriteAllText(_files.CreatedVcpusFile, created.ToString(CultureInfo.InvariantCulture));
    }
}
