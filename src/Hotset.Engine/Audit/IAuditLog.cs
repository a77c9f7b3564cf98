namespace Hotset.Engine.Audit;

public interface IAuditLog
{
    /// <summary>Stores the event (time from the clock, next id) and returns it as stored.</summary>
    Task<AuditEvent> AddAsync(AuditEvent auditEvent, CancellationToken ct);

    /// <summary>Newest first; <paramref name="from"/> returns only events with an id above it (oVirt's <c>from</c>).</summary>
    Task<IReadOnlyList<AuditEvent>> ListAsync(long? from, int? max, string? search, CancellationToken ct);
}
