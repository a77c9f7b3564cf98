using System.Data.Common;
using Dapper;
using Hotset.Engine.Audit;

namespace Hotset.Engine.Persistence.Audit;

/// <summary><see cref="IAuditLog"/> on SQLite or PostgreSQL; ids come from the database, times from the clock.</summary>
internal sealed class SqlAuditLog(Database db, TimeProvider clock) : IAuditLog
{
    public async Task<AuditEvent> AddAsync(AuditEvent auditEvent, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await InsertAsync(connection, null, auditEvent, clock, ct);
    }

    /// <summary>
    /// Stores <paramref name="auditEvent"/> on <paramref name="connection"/>, in <paramref name="transaction"/> when
    /// given, so another store can log events in the transaction of its own write.
    /// </summary>
    internal static async Task<AuditEvent> InsertAsync(DbConnection connection, DbTransaction? transaction,
        AuditEvent auditEvent, TimeProvider clock, CancellationToken ct)
    {
        var stored = auditEvent with { Time = auditEvent.Time == default ? clock.GetUtcNow() : auditEvent.Time };
        var id = await connection.QuerySingleAsync<long>(new CommandDefinition(
            "INSERT INTO audit_log (code, severity, message, event_time, vm_id, host_id, cluster_id, correlation_id, user_name) "
            + "VALUES (@Code, @Severity, @Message, @Time, @VmId, @HostId, @ClusterId, @CorrelationId, @UserName) RETURNING id",
            new
            {
                stored.Code,
                Severity = stored.Severity.ToString(),
                stored.Message,
                Time = Ids.Ms(stored.Time),
                VmId = Ids.Text(stored.VmId),
                HostId = Ids.Text(stored.HostId),
                ClusterId = Ids.Text(stored.ClusterId),
                stored.CorrelationId,
                stored.UserName,
            }, transaction, cancellationToken: ct));
        return stored with { Id = id };
    }

    /// <summary>The columns <see cref="AddValues"/> gives values for, in order.</summary>
    internal const string Columns = "code, severity, message, event_time, vm_id, host_id, cluster_id, correlation_id, user_name";

    /// <summary>
    /// Stores <paramref name="events"/> in order with one statement (one round trip), in <paramref name="transaction"/>:
    /// how a store logs the events of its own write.
    /// </summary>
    internal static async Task InsertAllAsync(DbConnection connection, DbTransaction transaction,
        IReadOnlyList<AuditEvent> events, TimeProvider clock, CancellationToken ct)
    {
        var parameters = new DynamicParameters();
        // Ids are given in the order of the rows, so the log keeps the events' order.
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO audit_log (" + Columns + ") VALUES " + AddValues(parameters, events, clock, ordinal: false),
            parameters, transaction, cancellationToken: ct));
    }

    /// <summary>
    /// Adds one set of parameters per event to <paramref name="parameters"/> and returns the rows of a <c>VALUES</c>
    /// list for them (<c>(@Code0, …), (@Code1, …)</c>), each led by its position when <paramref name="ordinal"/>.
    /// </summary>
    internal static string AddValues(DynamicParameters parameters, IReadOnlyList<AuditEvent> events, TimeProvider clock,
        bool ordinal)
    {
        var rows = new List<string>(events.Count);
        var now = clock.GetUtcNow();
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            var position = ordinal ? $"{i}, " : "";
            rows.Add($"({position}@Code{i}, @Severity{i}, @Message{i}, @Time{i}, @VmId{i}, @HostId{i}, @ClusterId{i}, @CorrelationId{i}, @UserName{i})");
            parameters.Add($"Code{i}", e.Code);
            parameters.Add($"Severity{i}", e.Severity.ToString());
            parameters.Add($"Message{i}", e.Message);
            parameters.Add($"Time{i}", Ids.Ms(e.Time == default ? now : e.Time));
            parameters.Add($"VmId{i}", Ids.Text(e.VmId));
            parameters.Add($"HostId{i}", Ids.Text(e.HostId));
            parameters.Add($"ClusterId{i}", Ids.Text(e.ClusterId));
            parameters.Add($"CorrelationId{i}", e.CorrelationId);
            parameters.Add($"UserName{i}", e.UserName);
        }

        return string.Join(", ", rows);
    }

    public async Task<IReadOnlyList<AuditEvent>> ListAsync(long? from, int? max, string? search, CancellationToken ct)
    {
        var query = EventSearch.Parse(search);
        var where = query.Where;
        if (from is { } after)
        {
            where += (where.Length == 0 ? " WHERE" : " AND") + " id > @From";
            query.Parameters.Add("From", after);
        }

        var limit = max is { } m ? " LIMIT @Max" : "";
        query.Parameters.Add("Max", Math.Max(0, max ?? 0));
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            "SELECT id, code, severity, message, event_time, vm_id, host_id, cluster_id, correlation_id, user_name "
            + "FROM audit_log" + where + " ORDER BY id DESC" + limit, query.Parameters, cancellationToken: ct));
        return [.. rows.Select(r => r.ToEvent())];
    }

    private sealed class Row
    {
        public long Id { get; init; }
        public int Code { get; init; }
        public string Severity { get; init; } = "";
        public string Message { get; init; } = "";
        public long EventTime { get; init; }
        public string? VmId { get; init; }
        public string? HostId { get; init; }
        public string? ClusterId { get; init; }
        public string? CorrelationId { get; init; }
        public string? UserName { get; init; }

        public AuditEvent ToEvent() => new()
        {
            Id = Id,
            Code = Code,
            Severity = Enum.Parse<AuditSeverity>(Severity),
            Message = Message,
            Time = Ids.Time(EventTime),
            VmId = Ids.ParseNullable(VmId),
            HostId = Ids.ParseNullable(HostId),
            ClusterId = Ids.ParseNullable(ClusterId),
            CorrelationId = CorrelationId,
            UserName = UserName,
        };
    }
}
