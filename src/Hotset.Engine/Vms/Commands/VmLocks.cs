using System.Collections.Concurrent;

namespace Hotset.Engine.Vms.Commands;

/// <summary>
/// One in-process lock per VM that serializes the commands on it and keeps monitoring from writing a VM while a
/// command works on it. Never waits: a busy VM is an answer ("VM is being updated"), not a queue.
/// </summary>
public sealed class VmLocks
{
    private readonly ConcurrentDictionary<Guid, Lease> _held = new();

    /// <summary>The lock of <paramref name="vmId"/>, or null when somebody else holds it. Dispose to release.</summary>
    public IDisposable? TryAcquire(Guid vmId)
    {
        var lease = new Lease(this, vmId);
        return _held.TryAdd(vmId, lease) ? lease : null;
    }

    /// <summary>True while a command holds the VM's lock or a migration follows it (<see cref="Follow"/>).</summary>
    public bool IsHeld(Guid vmId) => _held.ContainsKey(vmId) || _followed.ContainsKey(vmId);

    /// <summary>
    /// Marks <paramref name="vmId"/> as followed by a live migration until disposed: monitoring leaves it alone (its
    /// hosts' reports are the migration's to read) while commands can still take its lock, so that a stop, a
    /// cancel or an update works during the migration.
    /// </summary>
    public IDisposable Follow(Guid vmId)
    {
        _followed[vmId] = 0;
        return new Followed(this, vmId);
    }

    private readonly ConcurrentDictionary<Guid, byte> _followed = new();

    private sealed class Followed(VmLocks owner, Guid vmId) : IDisposable
    {
        public void Dispose() => owner._followed.TryRemove(vmId, out _);
    }

    private sealed class Lease(VmLocks owner, Guid vmId) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                owner._held.TryRemove(new KeyValuePair<Guid, Lease>(vmId, this));
            }
        }
    }
}
