using Hotset.Core.Agent;

namespace Hotset.Agent.Hypervisor.Qemu;

/// <summary>
/// What the agent knows of one VM's vCPU slots: the <see cref="VcpuSlotCache"/> (so that a hot set need not ask QEMU
/// for them) and the lifetime vCPU budget (<see cref="CreatedVcpusFile"/>). Used only under the change lock of
/// <see cref="QemuVcpus"/>.
/// </summary>
internal sealed class QemuVcpuSlots(QemuMonitor monitor, VmDefinition vm, VcpuTopology topology, CreatedVcpusFile created) : IDisposable
{
    private readonly VcpuSlotCache _cache = new();

    /// <summary>The cached slots while they are trusted; null when they must be read again.</summary>
    public IReadOnlyList<VcpuSlot>? Cached => _cache.Valid ? _cache.Slots : null;

    public int CachedPluggedCount => _cache.PluggedCount;

    /// <summary>vCPUs QEMU has created over this VM's life; at most <see cref="VcpuTopology.Slots"/>.</summary>
    public int Created => created.Count;

    /// <summary>
    /// Reads the slots from QEMU and caches them. Returns them, and whether they differ from what the agent knew
    /// (a change behind its back); vCPUs created behind its back count against the budget too.
    /// </summary>
    public async Task<(IReadOnlyList<VcpuSlot> Slots, bool Changed)> RefreshAsync(CancellationToken ct)
    {
        var fresh = await QueryAsync(ct);
        var (unknown, changed) = _cache.Load(fresh);
        if (unknown > 0)
        {
            created.Add(unknown);
        }

        return (fresh, changed);
    }

    public async Task<IReadOnlyList<VcpuSlot>> QueryAsync(CancellationToken ct) =>
        VcpuSlot.Parse(await monitor.ExecuteAsync("query-hotpluggable-cpus", null, ct), topology);

    /// <summary>QEMU plugged a vCPU of the agent's into <paramref name="slot"/>: one more created, and cached.</summary>
    public void RecordPlugged(VcpuSlot slot)
    {
        created.Add(1);
        _cache.MarkPlugged(slot.Index, VcpuTopology.DeviceId(slot.Index));
    }

    public void RecordUnplugged(string deviceId) => _cache.MarkUnplugged(deviceId);

    /// <summary>What QEMU has is in doubt: the next change reads the slots again.</summary>
    public void Invalidate() => _cache.Invalidate();

    /// <summary>Sets the lifetime vCPU count when its file was lost (after a re-attach): what QEMU has now.</summary>
    public void AssumeCreated(int count) => created.Set(count);

    /// <summary>Why plugging up to <paramref name="target"/> vCPUs on <paramref name="slots"/> is refused; null when it is not.</summary>
    public string? PlugRefusal(IReadOnlyList<VcpuSlot> slots, int target)
    {
        var current = slots.Count(s => s.Plugged);
        var count = target - current;
        var left = topology.Slots - Created;
        if (count > left)
        {
            return $"Cannot plug {count} vCPUs into VM '{vm.VmName}': QEMU can create only {left} more vCPUs in this VM's life ({Created} of {topology.Slots} created so far; unplugged vCPUs are not recycled under TCG). It keeps its {current} vCPUs; restart the VM to plug more.";
        }

        var free = VcpuSlot.ToPlug(slots, count, vm.MaxVCpus).Count;
        return free < count
            ? $"Cannot plug {count} vCPUs into VM '{vm.VmName}': only {free} of its {vm.MaxVCpus} vCPU slots are free (an unplug may still be in progress). It keeps its {current} vCPUs."
            : null;
    }

    /// <summary>The refusal of a <paramref name="target"/> outside 1…max, for a VM that has <paramref name="current"/> vCPUs.</summary>
    public string OutOfRange(int target, int current) => target < 1
        ? $"Cannot set {target} vCPUs on VM '{vm.VmName}': a VM needs at least 1 vCPU. It keeps its {current} vCPUs."
        : $"Cannot set {target} vCPUs on VM '{vm.VmName}': it was started with at most {vm.MaxVCpus} vCPUs. It keeps its {current} vCPUs; restart it with a higher maximum to grow further.";

    public void Dispose() => created.Dispose();
}
