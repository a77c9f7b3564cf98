using Dapper;
using Hotset.Core.Vms;
using Hotset.Engine.Audit;
using Hotset.Engine.Persistence.Audit;
using Hotset.Engine.Vms;

namespace Hotset.Engine.Persistence.Vms;

/// <summary>
/// <see cref="IVmStore"/> on SQLite or PostgreSQL; every call is one statement, except a write with events: one
/// transaction.
/// </summary>
internal sealed class SqlVmStore(Database db, TimeProvider clock) : IVmStore
{
    private const string Select = "SELECT " + VmRow.Columns + " FROM vms";

    private const string Update =
        "UPDATE vms SET name = @Name, cluster_id = @ClusterId, template_id = @TemplateId, status = @Status, "
        + "run_on_host_id = @RunOnHostId, started_max_vcpus = @StartedMaxVcpus, vcpu_count = @VcpuCount, "
        + "guest_cpu_count = @GuestCpuCount, configuration = @Configuration, next_run = @NextRun, "
        + "numa_nodes = @NumaNodes, "
        + "version = version + 1 WHERE id = @Id AND version = @Version";

    public async Task<Vm?> GetAsync(Guid id, CancellationToken ct) =>
        (await db.QuerySingleOrDefaultAsync<VmRow>(Select + " WHERE id = @Id", new { Id = Ids.Text(id) }, ct))?.ToVm();

    public async Task<IReadOnlyList<Vm>> ListAsync(string? namePattern, int? max, CancellationToken ct)
    {
        var rows = await db.QueryAsync<VmRow>(Select + Filter(namePattern, max), FilterParameters(namePattern, max), ct);
        return [.. rows.Select(r => r.ToVm())];
    }

    // Bound parameters per IN list: far below SQLite's and PostgreSQL's limits, and one plan per chunk size.
    private const int ManyIdsPerQuery = 500;

    private static string Filter(string? namePattern, int? max) =>
        (string.IsNullOrEmpty(namePattern) ? "" : " WHERE " + NamePattern.Where(namePattern))
        + " ORDER BY lower(name)" + (max is null ? "" : " LIMIT @Max");

    private static object FilterParameters(string? namePattern, int? max) =>
        new { Pattern = namePattern is null ? null : NamePattern.Parameter(namePattern), Max = Math.Max(0, max ?? 0) };

    public async Task<IReadOnlyList<VmVersion>> ListVersionsAsync(string? namePattern, int? max, CancellationToken ct)
    {
        var rows = await db.QueryAsync<VersionRow>("SELECT id, version FROM vms" + Filter(namePattern, max),
            FilterParameters(namePattern, max), ct);
        return [.. rows.Select(r => new VmVersion(Ids.Parse(r.Id), r.Version))];
    }

    public async Task<IReadOnlyList<Vm>> GetManyAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        // Npgsql takes the chunk as one text[] parameter (Dapper passes arrays to it whole); SQLite gets one each.
        var where = db.Provider == DatabaseProvider.Postgres ? " WHERE id = ANY(@Ids)" : " WHERE id IN @Ids";
        var vms = new List<Vm>(ids.Count);
        foreach (var chunk in ids.Select(Ids.Text).Chunk(ManyIdsPerQuery))
        {
            var rows = await db.QueryAsync<VmRow>(Select + where, new { Ids = chunk }, ct);
            vms.AddRange(rows.Select(r => r.ToVm()));
        }

        return vms;
    }

    public async Task<IReadOnlyList<Vm>> ListByHostAsync(Guid hostId, CancellationToken ct)
    {
        var rows = await db.QueryAsync<VmRow>(Select + " WHERE run_on_host_id = @HostId ORDER BY lower(name)",
            new { HostId = Ids.Text(hostId) }, ct);
        return [.. rows.Select(r => r.ToVm())];
    }

    public async Task<IReadOnlyList<Vm>> ListExclusivelyPinnedAsync(Guid? hostId, CancellationToken ct)
    {
        // The LIKE is a coarse filter on the configuration as DbJson writes it (enum names, no spaces); the exact
        // rule is applied to the rows it lets through.
        var rows = await db.QueryAsync<VmRow>(Select + " WHERE run_on_host_id IS NOT NULL"
            + (hostId is null ? "" : " AND run_on_host_id = @HostId")
            + " AND (configuration LIKE '%\"cpuPinningPolicy\":\"Dedicated\"%'"
            + " OR configuration LIKE '%\"cpuPinningPolicy\":\"IsolateThreads\"%')",
            new { HostId = Ids.Text(hostId) }, ct);
        return [.. rows.Select(r => r.ToVm()).Where(v => v.Configuration.CpuPinningPolicy.IsExclusive())];
    }

    public async Task<IReadOnlyDictionary<Guid, int>> CountByHostAsync(CancellationToken ct)
    {
        var rows = await db.QueryAsync<HostCount>(
            "SELECT run_on_host_id AS host_id, COUNT(*) AS vms FROM vms WHERE run_on_host_id IS NOT NULL GROUP BY run_on_host_id",
            null, ct);
        return rows.ToDictionary(r => Ids.Parse(r.HostId), r => (int)r.Vms);
    }

    public Task AddAsync(Vm vm, CancellationToken ct) => db.ExecuteNamedAsync(
        "INSERT INTO vms (" + VmRow.Columns + ") VALUES (@Id, @Name, @ClusterId, @TemplateId, @Status, @RunOnHostId, "
        + "@StartedMaxVcpus, @VcpuCount, @GuestCpuCount, @CreatedAt, @Version, @Configuration, @NextRun, @NumaNodes)",
        VmRow.From(vm), "VM", vm.Name, ct);

    public async Task<Vm> UpdateAsync(Vm vm, CancellationToken ct) =>
        await db.ExecuteNamedAsync(Update, VmRow.From(vm), "VM", vm.Name, ct) == 1
            ? vm with { Version = vm.Version + 1 }
            : throw await LostRaceAsync(vm, ct);

    public async Task<Vm> UpdateAsync(Vm vm, IReadOnlyList<AuditEvent> events, CancellationToken ct)
    {
        if (events.Count == 0)
        {
            return await UpdateAsync(vm, ct);
        }

        if (db.Provider == DatabaseProvider.Postgres)
        {
            return await UpdateInOneStatementAsync(vm, events, ct);
        }

        await using var connection = await db.OpenAsync(ct);
        await using (var transaction = await connection.BeginTransactionAsync(ct))
        {
            if (await connection.ExecuteNamedAsync(Update, VmRow.From(vm), transaction, "VM", vm.Name, ct) == 1)
            {
                await SqlAuditLog.InsertAllAsync(connection, transaction, events, clock, ct);

                await transaction.CommitAsync(ct);
                return vm with { Version = vm.Version + 1 };
            }
        }

        throw await LostRaceAsync(vm, ct);
    }

    /// <summary>
    /// PostgreSQL: the update and its events as one statement (a data-modifying <c>WITH</c>, atomic like a
    /// transaction): one round trip where BEGIN/UPDATE/INSERT/COMMIT take three. The events are inserted only when
    /// the update matched, so no row inserted means the version check failed.
    /// </summary>
    private async Task<Vm> UpdateInOneStatementAsync(Vm vm, IReadOnlyList<AuditEvent> events, CancellationToken ct)
    {
        var parameters = new DynamicParameters(VmRow.From(vm));
        var values = SqlAuditLog.AddValues(parameters, events, clock, ordinal: true);
        var sql = "WITH updated AS (" + Update + " RETURNING id) INSERT INTO audit_log (" + SqlAuditLog.Columns + ") "
            + "SELECT " + SqlAuditLog.Columns + " FROM (VALUES " + values + ") AS e (ordinal, " + SqlAuditLog.Columns + ") "
            + "CROSS JOIN updated ORDER BY e.ordinal";
        return await db.ExecuteNamedAsync(sql, parameters, "VM", vm.Name, ct) == events.Count
            ? vm with { Version = vm.Version + 1 }
            : throw await LostRaceAsync(vm, ct);
    }

    public async Task<bool> RemoveAsync(Guid id, CancellationToken ct) =>
        await db.ExecuteAsync("DELETE FROM vms WHERE id = @Id", new { Id = Ids.Text(id) }, ct) > 0;

    private sealed class VersionRow
    {
        public string Id { get; init; } = "";
        public long Version { get; init; }
    }

    private sealed class HostCount
    {
        public string HostId { get; init; } = "";
        public long Vms { get; init; }
    }

    private async Task<ConcurrencyException> LostRaceAsync(Vm vm, CancellationToken ct) =>
        new(await GetAsync(vm.Id, ct) is null
            ? $"VM '{vm.Name}' ({vm.Id}) no longer exists."
            : $"VM '{vm.Name}' was changed by somebody else since it was read (version {vm.Version}); read it again.");
}
