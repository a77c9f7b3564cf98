using Hotset.Core.Vms;
using Hotset.Engine.Audit;

namespace Hotset.Engine.Vms;

/// <summary>VM persistence. Every write is one short transaction; none spans a call to a host.</summary>
public interface IVmStore
{
    Task<Vm?> GetAsync(Guid id, CancellationToken ct);

    /// <summary>VMs whose name matches <paramref name="namePattern"/> (oVirt search: <c>*</c> wildcards, case-insensitive), by name.</summary>
    Task<IReadOnlyList<Vm>> ListAsync(string? namePattern, int? max, CancellationToken ct);

    Task<IReadOnlyList<Vm>> ListByHostAsync(Guid hostId, CancellationToken ct);

    /// <summary>
    /// The id and version of each VM <see cref="ListAsync"/> would return, in the same order: enough to tell which
    /// VMs changed since they were last read, without reading their configurations.
    /// </summary>
    async Task<IReadOnlyList<VmVersion>> ListVersionsAsync(string? namePattern, int? max, CancellationToken ct) =>
        [.. (await ListAsync(namePattern, max, ct)).Select(v => new VmVersion(v.Id, v.Version))];

    /// <summary>The VMs among <paramref name="ids"/> that exist, in no particular order.</summary>
    async Task<IReadOnlyList<Vm>> GetManyAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var wanted = ids.ToHashSet();
        return [.. (await ListAsync(null, null, ct)).Where(v => wanted.Contains(v.Id))];
    }

    /// <summary>
    /// VMs placed on a host (on <paramref name="hostId"/>, or on any host when null) whose CPU pinning policy is
    /// exclusive: all that the host-room rule (<c>HostRoom</c>) needs, without reading every VM of the hosts.
    /// </summary>
    async Task<IReadOnlyList<Vm>> ListExclusivelyPinnedAsync(Guid? hostId, CancellationToken ct) =>
        [.. (hostId is { } id ? await ListByHostAsync(id, ct) : await ListAsync(null, null, ct))
            .Where(v => v.RunOnHostId is not null && v.Configuration.CpuPinningPolicy.IsExclusive())];

    /// <summary>How many VMs are placed on each host (any status), by host id; hosts without VMs are absent.</summary>
    async Task<IReadOnlyDictionary<Guid, int>> CountByHostAsync(CancellationToken ct) =>
        (await ListAsync(null, null, ct)).Where(v => v.RunOnHostId is not null)
            .GroupBy(v => v.RunOnHostId!.Value).ToDictionary(g => g.Key, g => g.Count());

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
