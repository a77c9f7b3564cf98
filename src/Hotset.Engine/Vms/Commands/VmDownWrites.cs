using Hotset.Engine.Audit;

namespace Hotset.Engine.Vms.Commands;

/// <summary>
/// The write of a VM going Down, which applies its next-run configuration (<see cref="VmWrites.AsDown"/>). A pending
/// name is checked when it is stored, but another VM may take it before the VM goes down: the Down state must be
/// stored all the same, so the VM keeps its name and event 20037 says why.
/// </summary>
public static class VmDownWrites
{
    /// <summary>
    /// <see cref="VmWrites.ChangeAsync(IVmStore, Guid, Func{Vm, Vm?}, CancellationToken)"/> for a change that may
    /// rename the VM to its pending name; when that name is taken, writes the change with the current name and logs
    /// <see cref="AuditEventCodes.NextRunNameTaken"/> in <paramref name="audit"/>.
    /// </summary>
    public static Task<Vm?> ChangeKeepingNameAsync(this IVmStore store, Guid vmId, Func<Vm, Vm?> change,
        IAuditLog audit, CancellationToken ct) =>
        ChangeKeepingNameAsync(store, null, vmId, change, audit, ct);

    /// <summary>
    /// <see cref="ChangeKeepingNameAsync(IVmStore, Guid, Func{Vm, Vm?}, IAuditLog, CancellationToken)"/> starting from
    /// <paramref name="current"/>, a VM the caller has just read: the first attempt writes without reading it again
    /// (monitoring writes hundreds of VMs per round, most of them unchanged).
    /// </summary>
    public static Task<Vm?> ChangeKeepingNameFromAsync(this IVmStore store, Vm current, Func<Vm, Vm?> change,
        IAuditLog audit, CancellationToken ct) =>
        ChangeKeepingNameAsync(store, current, current.Id, change, audit, ct);

    private static async Task<Vm?> ChangeKeepingNameAsync(IVmStore store, Vm? current, Guid vmId, Func<Vm, Vm?> change,
        IAuditLog audit, CancellationToken ct)
    {
        try
        {
            return current is null ? await store.ChangeAsync(vmId, change, ct) : await store.ChangeFromAsync(current, change, ct);
        }
        catch (DuplicateNameException)
        {
            string? pendingName = null;
            var stored = await store.ChangeAsync(vmId, vm =>
            {
                pendingName = null;
                var changed = change(vm);
                if (changed is null || changed.Name == vm.Name)
                {
                    return changed;
                }

                pendingName = changed.Name;
                return changed with { Configuration = changed.Configuration with { Name = vm.Name } };
            }, ct);
            if (stored is not null && pendingName is not null)
            {
                await audit.AddAsync(VmEvents.NextRunNameTaken(stored, pendingName), CancellationToken.None);
            }

            return stored;
        }
    }
}
