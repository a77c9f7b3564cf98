namespace Hotset.Engine.Audit;

/// <summary>One entry of the audit log (REST <c>/events</c>); <see cref="Code"/> is oVirt's AuditLogType number.</summary>
public sealed record AuditEvent
{
    /// <summary>Assigned by the log, increasing; 0 before it is stored.</summary>
    public long Id { get; init; }

    public required int Code { get; init; }
    public required AuditSeverity Severity { get; init; }
    public required string Message { get; init; }
    public DateTimeOffset Time { get; init; }
    public Guid? VmId { get; init; }
    public Guid? HostId { get; init; }
    public Guid? ClusterId { get; init; }
    public string? CorrelationId { get; init; }
    public string? UserName { get; init; }
}

/// <summary>oVirt's LogSeverity, as the REST API spells it (<c>normal</c>, <c>warning</c>, <c>error</c>, <c>alert</c>).</summary>
public enum AuditSeverity
{
    Normal,
    Warning,
    Error,
    Alert,
}
