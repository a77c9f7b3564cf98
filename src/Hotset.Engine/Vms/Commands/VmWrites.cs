using Hotset.Engine.Audit;

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
    public static async Task<Vm?> ChangeAsync(this IVmStore store, Guid vmId, Func<Vm, Vm?> change, CancellationToken ct) =>
        (await WriteAsync(store, null, vmId, change, NoEvents, ct)).Vm;

    /// <summary>
    /// <see cref="ChangeAsync(IVmStore, Guid, Func{Vm, Vm?}, CancellationToken)"/> starting from
    /// <paramref name="current"/>, a VM the caller has just read: the first attempt writes without reading it again;
    /// a concurrent write falls back to reading and re-applying.
    /// </summary>
    public static async Task<Vm?> ChangeFromAsync(this IVmStore store, Vm current, Func<Vm, Vm?> change, CancellationToken ct) =>
        (await WriteAsync(store, current, current.Id, change, NoEvents, ct)).Vm;

    /// <summary>
    /// <see cref="ChangeAsync(IVmStore, Guid, Func{Vm, Vm?}, CancellationToken)"/> that also logs
    /// <paramref name="events"/> whatever becomes of the write: in its transaction (one commit for both), or on their
    /// own in <paramref name="audit"/> when nothing is written.
    /// </summary>
    public static async Task<Vm?> ChangeAsync(this IVmStore store, Guid vmId, Func<Vm, Vm?> change,
        IReadOnlyList<AuditEvent> events, IAuditLog audit, CancellationToken ct) =>
        await LogUnwrittenAsync(await WriteAsync(store, null, vmId, change, _ => events, ct), events, audit, ct);

    /// <summary>
    /// <see cref="ChangeFromAsync(IVmStore, Vm, Func{Vm, Vm?}, CancellationToken)"/> that also logs
    /// <paramref name="events"/> as <see cref="ChangeAsync(IVmStore, Guid, Func{Vm, Vm?}, IReadOnlyList{AuditEvent}, IAuditLog, CancellationToken)"/> does.
    /// </summary>
    public static async Task<Vm?> ChangeFromAsync(this IVmStore store, Vm current, Func<Vm, Vm?> change,
        IReadOnlyList<AuditEvent> events, IAuditLog audit, CancellationToken ct) =>
        await LogUnwrittenAsync(await WriteAsync(store, current, current.Id, change, _ => events, ct), events, audit, ct);

    /// <summary>
    /// <see cref="ChangeAsync(IVmStore, Guid, Func{Vm, Vm?}, CancellationToken)"/> whose write carries the event that
    /// reports it, made from the changed VM, in the same transaction: whoever sees the change also sees its event.
    /// Nothing is logged when nothing is written.
    /// </summary>
    public static async Task<Vm?> ChangeReportedAsync(this IVmStore store, Guid vmId, Func<Vm, Vm?> change,
        Func<Vm, AuditEvent> report, CancellationToken ct) =>
        (await WriteAsync(store, null, vmId, change, changed => [report(changed)], ct)) is { Written: true } write ? write.Vm : null;

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

    /// <summary>
    /// The write loop: from <paramref name="current"/> when given, else (and after each lost race) from the VM read
    /// again. <c>Written</c> is false when nothing was written: the VM is gone, the change declined or changed nothing.
    /// </summary>
    private static async Task<(Vm? Vm, bool Written)> WriteAsync(IVmStore store, Vm? current, Guid vmId,
        Func<Vm, Vm?> change, Func<Vm, IReadOnlyList<AuditEvent>> eventsOf, CancellationToken ct)
    {
        for (var reads = current is null ? 1 : 0; ; reads++)
        {
            current ??= await store.GetAsync(vmId, ct);
            if (current is null || change(current) is not { } changed)
            {
                return (null, false);
            }

            if (changed == current)
            {
                return (current, false);
            }

            try
            {
                var write = changed with { Version = current.Version };
                var events = eventsOf(write);
                return (events.Count == 0 ? await store.UpdateAsync(write, ct) : await store.UpdateAsync(write, events, ct), true);
            }
            catch (ConcurrencyException) when (reads < Attempts)
            {
                // Somebody wrote in between: read their version and apply the change to it.
                current = null;
            }
        }
    }

    private static IReadOnlyList<AuditEvent> NoEvents(Vm vm) => [];

    private static async Task<Vm?> LogUnwrittenAsync((Vm? Vm, bool Written) write, IReadOnlyList<AuditEvent> events,
        IAuditLog audit, CancellationToken ct)
    {
        if (!write.Written)
        {
            foreach (var auditEvent in events)
            {
                await audit.AddAsync(auditEvent, ct);
            }
        }

        return write.Vm;
    }
}
