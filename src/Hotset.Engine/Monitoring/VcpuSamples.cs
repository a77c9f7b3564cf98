using System.Collections.Concurrent;

namespace Hotset.Engine.Monitoring;

/// <summary>
/// Remembers, per VM, the vCPU count the host reported while it differed from the stored one, so reconciliation
/// acts only on a count that stayed the same for several polls with nobody else writing the VM in between: each
/// sample remembers the VM's version after the poll that took it, and a later sample continues the count only when
/// the VM still has that version (any other write starts the count again). One per process.
/// </summary>
public sealed class VcpuSamples
{
    private readonly ConcurrentDictionary<Guid, Sample> _samples = new();

    /// <summary>
    /// Records that the host reports <paramref name="hostCpus"/> while the engine stores <paramref name="storedCpus"/>
    /// in the VM at <paramref name="version"/> (read before the report was asked for); returns how many polls in a
    /// row reported exactly this with no other write of the VM in between.
    /// </summary>
    public int Record(Guid vmId, int hostCpus, int storedCpus, long version) =>
        _samples.AddOrUpdate(vmId, _ => new Sample(hostCpus, storedCpus, 1, false, -1),
            (_, s) => s.HostCpus == hostCpus && s.StoredCpus == storedCpus && s.Version == version
                ? s with { Count = s.Count + 1, Version = -1 }
                : new Sample(hostCpus, storedCpus, 1, false, -1)).Count;

    /// <summary>The poll that recorded the current sample left the VM at <paramref name="version"/>.</summary>
    public void Observed(Guid vmId, long version)
    {
        while (_samples.TryGetValue(vmId, out var s) && s.Version != version)
        {
            if (_samples.TryUpdate(vmId, s with { Version = version }, s))
            {
                return;
            }
        }
    }

    /// <summary>True the first time it is asked for the current difference (so one event is logged for it).</summary>
    public bool FirstReport(Guid vmId)
    {
        while (_samples.TryGetValue(vmId, out var s))
        {
            if (s.Reported)
            {
                return false;
            }

            if (_samples.TryUpdate(vmId, s with { Reported = true }, s))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The counts agree again (or the VM stopped): forget the difference.</summary>
    public void Clear(Guid vmId) => _samples.TryRemove(vmId, out _);

    private sealed record Sample(int HostCpus, int StoredCpus, int Count, bool Reported, long Version);
}
