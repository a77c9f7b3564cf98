using System.Collections.Concurrent;
using Hotset.Engine.Audit;
using Hotset.Engine.Vms;

namespace Hotset.Engine.Tests.Fakes;

/// <summary>
/// An <see cref="IVmStore"/> in memory with the real store's optimistic concurrency and unique names; a write with
/// events adds them to <paramref name="audit"/> under the same lock, all or nothing.
/// </summary>
public sealed class InMemoryVmStore(IAuditLog? audit = null) : IVmStore
{
    private readonly ConcurrentDictionary<Guid, Vm> _vms = new();
    private readonly Lock _gate = new();

    /// <summary>Number of successful writes (adds and updates).</summary>
    public int Writes { get; private set; }

    /// <summary>Runs before each update is applied; a test uses it to write concurrently.</summary>
    public Action<Vm>? BeforeUpdate { get; set; }

    /// <summary>
    /// Makes the next write that <paramref name="when"/> accepts lose a race: just before it, somebody else sets the
    /// VM's description to "concurrent".
    /// </summary>
    public void EditConcurrentlyBeforeNextUpdate(Func<Vm, bool>? when = null)
    {
        var pending = true;
        BeforeUpdate = v =>
        {
            if (pending && (when is null || when(v)))
            {
                pending = false;
                var current = Get(v.Id);
                UpdateAsync(current with { Configuration = current.Configuration with { Description = "concurrent" } }, default)
                    .GetAwaiter().GetResult();
            }
        };
    }

    public Task<Vm?> GetAsync(Guid id, CancellationToken ct) => Task.FromResult(_vms.GetValueOrDefault(id));

    public Vm Get(Guid id) => _vms[id];

    public Task<IReadOnlyList<Vm>> ListAsync(string? namePattern, int? max, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<Vm>>([.. _vms.Values.OrderBy(v => v.Name).Take(max ?? int.MaxValue)]);

    public Task<IReadOnlyList<Vm>> ListByHostAsync(Guid hostId, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<Vm>>([.. _vms.Values.Where(v => v.RunOnHostId == hostId).OrderBy(v => v.Name)]);

    public Task AddAsync(Vm vm, CancellationToken ct)
    {
        lock (_gate)
        {
            if (_vms.Values.Any(v => v.Name == vm.Name))
            {
                throw new DuplicateNameException($"VM name {vm.Name} is taken.");
            }

            _vms[vm.Id] = vm;
            Writes++;
        }

        return Task.CompletedTask;
    }

    /// <summary>Number of writes that stored events with them.</summary>
    public int WritesWithEvents { get; private set; }

    public Task<Vm> UpdateAsync(Vm vm, CancellationToken ct) => UpdateAsync(vm, [], ct);

    public Task<Vm> UpdateAsync(Vm vm, IReadOnlyList<AuditEvent> events, CancellationToken ct)
    {
        if (events.Count > 0 && audit is null)
        {
            throw new InvalidOperationException("This store was made without an audit log for the events of its writes.");
        }

        BeforeUpdate?.Invoke(vm);
        lock (_gate)
        {
            if (!_vms.TryGetValue(vm.Id, out var stored) || stored.Version != vm.Version)
            {
                throw new ConcurrencyException($"VM {vm.Id} changed since version {vm.Version}.");
            }

            if (_vms.Values.Any(v => v.Id != vm.Id && v.Name == vm.Name))
            {
                throw new DuplicateNameException($"VM name {vm.Name} is taken.");
            }

            var written = vm with { Version = vm.Version + 1 };
            _vms[vm.Id] = written;
            Writes++;
            if (events.Count > 0)
            {
                WritesWithEvents++;
                foreach (var auditEvent in events)
                {
                    audit!.AddAsync(auditEvent, ct).GetAwaiter().GetResult();
                }
            }

            return Task.FromResult(written);
        }
    }

    public Task<bool> RemoveAsync(Guid id, CancellationToken ct) => Task.FromResult(_vms.TryRemove(id, out _));
}
