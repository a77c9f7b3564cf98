using Hotset.Engine.Audit;

namespace Hotset.Engine.Vms;

/// <summary>VM persistence. Every write is one short transaction; none spans a call to a host.</summary>
public interface IVmStore
{
    Task<Vm?> GetAsync(Guid id, CancellationToken ct);

    /// <summary>VMs whose name matches <paramref name="namePattern"/> (oVirt search: <c>*</c> wildcards, case-insensitive), by name.</summary>
    Task<IReadOnlyList<Vm>> ListAsync(string? namePattern, int? max, CancellationToken ct);

    Task<IReadOnlyList<Vm>> ListByHostAsync(Guid hostId, CancellationToken ct);

    /// <summary>Adds a VM; throws <see cref="DuplicateNameException"/> when the name is taken.</summary>
    Task AddAsync(Vm vm, CancellationToken ct);

    /// <summary>
    /// Writes <paramref name="vm"/> if the stored version still equals <c>vm.Version</c>; returns the stored VM with
    /// the new version, or throws <see cref="ConcurrencyException"/>.
    /// </summary>
    Task<Vm> UpdateAsync(Vm vm, CancellationToken ct);

    /// <summary>
    /// <see cref="UpdateAsync(Vm, CancellationToken)"/> that adds <paramref name="events"/> to the audit log in the same
    /// transaction: the change and the events that report it are stored together, in order, or not at all.
    /// </summary>
    Task<Vm> UpdateAsync(Vm vm, IReadOnlyList<AuditEvent> events, CancellationToken ct);

    Task<bool> RemoveAsync(Guid id, CancellationToken ct);
}
