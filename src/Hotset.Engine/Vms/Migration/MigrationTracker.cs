using System.Collections.Concurrent;
using Host = Hotset.Engine.Hosts.Host;

namespace Hotset.Engine.Vms.Migration;

/// <summary>
/// The migrations this engine process follows now, by VM id: where from, where to, who asked, since when, and who
/// cancelled it. One per process; a migration started before a restart of the engine is not followed (see
/// docs/migration.md).
/// </summary>
public sealed class MigrationTracker
{
    private readonly ConcurrentDictionary<Guid, RunningMigration> _running = new();

    public bool TryAdd(RunningMigration migration) => _running.TryAdd(migration.VmId, migration);

    public RunningMigration? Find(Guid vmId) => _running.GetValueOrDefault(vmId);

    public void Remove(RunningMigration migration) =>
        _running.TryRemove(new KeyValuePair<Guid, RunningMigration>(migration.VmId, migration));

    /// <summary>Every migration followed now (tests wait for them to end).</summary>
    public IReadOnlyCollection<RunningMigration> Running => [.. _running.Values];
}

/// <summary>One migration the engine follows; <see cref="Ended"/> completes when the engine has recorded its end.</summary>
public sealed class RunningMigration(Guid vmId, Host source, Host destination, Caller caller, DateTimeOffset startedAt)
{
    public Guid VmId { get; } = vmId;
    public Host Source { get; } = source;
    public Host Destination { get; } = destination;
    public Caller Caller { get; } = caller;
    public DateTimeOffset StartedAt { get; } = startedAt;

    /// <summary>Who cancelled it (<c>POST /vms/{id}/cancelmigration</c>); null while nobody did.</summary>
    public string? CancelledBy { get; set; }

    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Ended => _ended.Task;

    internal void End() => _ended.TrySetResult();
}
