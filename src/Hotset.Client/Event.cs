using System.Text.Json;

namespace Hotset.Client;

/// <summary>
/// One audit-log entry (<c>GET /events</c>): e.g. 2033 hot plug done, 2034 hot set failed, 35 VM updated.
/// <see cref="Severity"/> is <c>normal</c>, <c>warning</c>, <c>error</c> or <c>alert</c>.
/// </summary>
public sealed record Event
{
    public long Id { get; init; }
    public int Code { get; init; }
    public string Severity { get; init; } = "";
    public string Description { get; init; } = "";
    public DateTimeOffset? Time { get; init; }
    public string? VmId { get; init; }
    public string? HostId { get; init; }
    public string? ClusterId { get; init; }
    public string? UserName { get; init; }
    public string? CorrelationId { get; init; }

    internal static Event From(JsonElement e) => new()
    {
        Id = e.Long("id") ?? 0,
        Code = e.Int("code") ?? 0,
        Severity = e.String("severity"),
        Description = e.String("description"),
        Time = e.Time("time"),
        VmId = e.Text("vm/id"),
        HostId = e.Text("host/id"),
        ClusterId = e.Text("cluster/id"),
        UserName = e.Text("user/name"),
        CorrelationId = e.Text("correlation_id"),
    };
}

/// <summary>
/// Which events to list: only those after id <see cref="From"/>, at most <see cref="Max"/>, and an oVirt
/// <see cref="Search"/> (<c>code=2033</c>, <c>vm.name=web*</c>, <c>severity=error</c>).
/// </summary>
public sealed record EventQuery(long? From = null, int? Max = null, string? Search = null);
