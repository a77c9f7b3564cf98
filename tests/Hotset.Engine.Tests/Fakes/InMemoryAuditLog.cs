using System.Collections.Concurrent;
using Hotset.Engine.Audit;

namespace Hotset.Engine.Tests.Fakes;

public sealed class InMemoryAuditLog(TimeProvider time) : IAuditLog
{
    private readonly ConcurrentQueue<AuditEvent> _events = new();
    private long _nextId;

    public InMemoryAuditLog()
        : this(TimeProvider.System)
    {
    }

    /// <summary>Events in the order they were added (oldest first).</summary>
    public IReadOnlyList<AuditEvent> Events => [.. _events];

    public IReadOnlyList<int> Codes => [.. _events.Select(e => e.Code)];

    /// <summary>Forgets the events logged so far (a test's setup steps), so assertions see only what follows.</summary>
    public void Clear() => _events.Clear();

    public Task<AuditEvent> AddAsync(AuditEvent auditEvent, CancellationToken ct)
    {
        var stored = auditEvent with { Id = Interlocked.Increment(ref _nextId), Time = time.GetUtcNow() };
        _events.Enqueue(stored);
        return Task.FromResult(stored);
    }

    public Task<IReadOnlyList<AuditEvent>> ListAsync(long? from, int? max, string? search, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<AuditEvent>>(
            [.. _events.Where(e => e.Id > (from ?? 0)).OrderByDescending(e => e.Id).Take(max ?? int.MaxValue)]);
}
