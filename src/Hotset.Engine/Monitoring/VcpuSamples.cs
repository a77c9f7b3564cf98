using System.Collections.Concurrent;

namespace Hotset.Engine.Monitoring;

/// <summary>
/// Remembers, per VM, the vCPU count the host reported while it differed from the stored one, so reconciliation
/// acts only on a count that stayed the same for several polls. One per process.
/// </summary>
public sealed class VcpuSamples
{
    private readonly ConcurrentDictionary<Guid, Sample> _samples = new();

    /// <summary>
    /// Records that the host reports <paramref name="hostCpus"/> while the engine stores <paramref name="storedCpus"/>;
    /// returns how many polls in a row reported exactly this.
    /// </summary>
    public int Record(Guid vmId, int hostCpus, int storedCpus) =>
        _samples.AddOrUpdate(vmId, _ => new Sample(hostCpus, storedCpus, 1, false),
            (_, s) => s.HostCpus == hostCpus && s.StoredCpus == storedCpus
                ? s with { Count = s.Count + 1 }
                : new Sample(hostCpus, storedCpus, 1, false)).Count;

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

    private sealed record Sample(int HostCpus, int StoredCpus, int Count, bool Reported);
}
