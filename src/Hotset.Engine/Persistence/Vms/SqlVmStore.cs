using Hotset.Engine.Vms;

namespace Hotset.Engine.Persistence.Vms;

/// <summary><see cref="IVmStore"/> on SQLite or PostgreSQL; every call is one statement.</summary>
internal sealed class SqlVmStore(Database db) : IVmStore
{
    private const string Select = "SELECT " + VmRow.Columns + " FROM vms";

    public async Task<Vm?> GetAsync(Guid id, CancellationToken ct) =>
        (await db.QuerySingleOrDefaultAsync<VmRow>(Select + " WHERE id = @Id", new { Id = Ids.Text(id) }, ct))?.ToVm();

    public async Task<IReadOnlyList<Vm>> ListAsync(string? namePattern, int? max, CancellationToken ct)
    {
        var where = string.IsNullOrEmpty(namePattern) ? "" : " WHERE " + NamePattern.Where(namePattern);
        var limit = max is { } m ? " LIMIT @Max" : "";
        var rows = await db.QueryAsync<VmRow>(Select + where + " ORDER BY lower(name)" + limit,
            new { Pattern = namePattern is null ? null : NamePattern.Parameter(namePattern), Max = Math.Max(0, max ?? 0) }, ct);
        return [.. rows.Select(r => r.ToVm())];
    }

    public async Task<IReadOnlyList<Vm>> ListByHostAsync(Guid hostId, CancellationToken ct)
    {
        var rows = await db.QueryAsync<VmRow>(Select + " WHERE run_on_host_id = @HostId ORDER BY lower(name)",
            new { HostId = Ids.Text(hostId) }, ct);
        return [.. rows.Select(r => r.ToVm())];
    }

    public Task AddAsync(Vm vm, CancellationToken ct) => db.ExecuteNamedAsync(
        "INSERT INTO vms (" + VmRow.Columns + ") VALUES (@Id, @Name, @ClusterId, @TemplateId, @Status, @RunOnHostId, "
        + "@StartedMaxVcpus, @VcpuCount, @GuestCpuCount, @CreatedAt, @Version, @Configuration, @NextRun)",
        VmRow.From(vm), "VM", vm.Name, ct);

    public async Task<Vm> UpdateAsync(Vm vm, CancellationToken ct)
    {
        var changed = await db.ExecuteNamedAsync(
            "UPDATE vms SET name = @Name, cluster_id = @ClusterId, template_id = @TemplateId, status = @Status, "
            + "run_on_host_id = @RunOnHostId, started_max_vcpus = @StartedMaxVcpus, vcpu_count = @VcpuCount, "
            + "guest_cpu_count = @GuestCpuCount, configuration = @Configuration, next_run = @NextRun, "
            + "version = version + 1 WHERE id = @Id AND version = @Version",
            VmRow.From(vm), "VM", vm.Name, ct);
        if (changed == 0)
        {
            throw new ConcurrencyException(await GetAsync(vm.Id, ct) is null
                ? $"VM '{vm.Name}' ({vm.Id}) no longer exists."
                : $"VM '{vm.Name}' was changed by somebody else since it was read (version {vm.Version}); read it again.");
        }

        return vm with { Version = vm.Version + 1 };
    }

    public async Task<bool> RemoveAsync(Guid id, CancellationToken ct) =>
        await db.ExecuteAsync("DELETE FROM vms WHERE id = @Id", new { Id = Ids.Text(id) }, ct) > 0;
}
