namespace Hotset.Agent.Hypervisor.Qemu;

/// <summary>
/// What <c>query-hotpluggable-cpus</c> said last, kept up to date with the vCPUs the domain itself plugged and saw
/// ejected, so that a hot set does not have to ask again: a VM's slot layout never changes during its life. It is
/// <see cref="Valid"/> until <see cref="Invalidate"/> (an unplug whose outcome is unknown, a failed change); the last
/// known state is kept even then, to tell the vCPUs created behind the domain's back from those it knew.
/// Not thread-safe: the domain uses it only while it holds its change lock.
/// </summary>
internal sealed class VcpuSlotCache
{
    private List<VcpuSlot>? _slots;

    public bool Valid { get; private set; }

    /// <summary>The slots as last known; null before the first <see cref="Load"/>.</summary>
    public IReadOnlyList<VcpuSlot>? Slots => _slots;

    public int PluggedCount => _slots?.Count(s => s.Plugged) ?? 0;

    /// <summary>
    /// Replaces the state with <paramref name="fresh"/> from QEMU. Returns how many of its vCPUs were unknown before
    /// (created behind the domain's back; 0 on the first load) and whether anything differed from the last known state.
    /// </summary>
    public (int Unknown, bool Changed) Load(IReadOnlyList<VcpuSlot> fresh)
    {
        var known = _slots;
        _slots = [.. fresh];
        Valid = true;
        if (known is null)
        {
            return (0, false);
        }

        var knownPaths = known.Select(s => s.QomPath).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var freshPaths = fresh.Select(s => s.QomPath).OfType<string>().ToHashSet(StringComparer.Ordinal);
        return (freshPaths.Count(p => !knownPaths.Contains(p)), !knownPaths.SetEquals(freshPaths));
    }

    public void Invalidate() => Valid = false;

    /// <summary>The vCPU with device id <paramref name="deviceId"/> was plugged into slot <paramref name="index"/>.</summary>
    public void MarkPlugged(int index, string deviceId) => Replace(s => s.Index == index, "/machine/peripheral/" + deviceId);

    /// <summary>QEMU confirmed the vCPU with device id <paramref name="deviceId"/> gone.</summary>
    public void MarkUnplugged(string deviceId) => Replace(s => s.DeviceId == deviceId, null);

    private void Replace(Func<VcpuSlot, bool> which, string? qomPath)
    {
        if (_slots is null)
        {
            return;
        }

        var i = _slots.FindIndex(s => which(s));
        if (i >= 0)
        {
            _slots[i] = _slots[i] with { QomPath = qomPath };
        }
        else
        {
            Valid = false;
        }
    }
}
