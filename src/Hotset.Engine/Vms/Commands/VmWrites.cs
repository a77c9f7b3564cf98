namespace Hotset.Engine.Vms.Commands;

/// <summary>
/// Short optimistic writes of one VM: read the latest version, apply a change, write; on a concurrent write
/// (<see cref="ConcurrencyException"/>) read again and re-apply, so nobody's change is clobbered.
/// </summary>
public static class VmWrites
{
    private const int Attempts = 5;

    /// <summary>
    /// Applies <paramref name="change"/> to the stored VM and writes it. <paramref name="change"/> returns null to
    /// write nothing (the VM is no longer in the state the change is for). Returns the stored VM, or null when it is
    /// gone or the change declined.
    /// </summary>
    public static async Task<Vm?> ChangeAsync(this IVmStore store, Guid vmId, Func<Vm, Vm?> change, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await store.GetAsync(vmId, ct);
            if (current is null || change(current) is not { } changed)
            {
                return null;
            }

            if (changed == current)
            {
                return current;
            }

            try
            {
                return await store.UpdateAsync(changed with { Version = current.Version }, ct);
            }
            catch (ConcurrencyException) when (attempt < Attempts)
            {
                // Somebody wrote in between: read their version and apply the change to it.
            }
        }
    }

    /// <summary>
    /// <see cref="ChangeAsync"/> starting from <paramref name="current"/>, a VM the caller has just read: the first
    /// attempt writes without reading it again; a concurrent write falls back to reading and re-applying.
    /// </summary>
    public static async Task<Vm?> ChangeFromAsync(this IVmStore store, Vm current, Func<Vm, Vm?> change, CancellationToken ct)
    {
        if (change(current) is not { } changed)
        {
            return null;
        }

        if (changed == current)
        {
            return current;
        }

        try
        {
            return await store.UpdateAsync(changed with { Version = current.Version }, ct);
        }
        catch (ConcurrencyException)
        {
            return await store.ChangeAsync(current.Id, change, ct);
        }
    }

    /// <summary>The VM after it stopped running: Down, runtime state cleared, a pending next-run configuration applied.</summary>
    public static Vm AsDown(this Vm vm) => vm with
    {
        Status = Core.Vms.VmStatus.Down,
        Configuration = vm.NextRun ?? vm.Configuration,
        NextRun = null,
        RunOnHostId = null,
        StartedMaxVCpus = 0,
        VcpuCount = -1,
        GuestCpuCount = -1,
    };
}
