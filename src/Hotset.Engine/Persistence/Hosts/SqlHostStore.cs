using Hotset.Engine.Hosts;
using Hotset.Engine.Persistence.Secrets;
using Host = Hotset.Engine.Hosts.Host;

namespace Hotset.Engine.Persistence.Hosts;

/// <summary><see cref="IHostStore"/> on SQLite or PostgreSQL; agent secrets are stored encrypted.</summary>
internal sealed class SqlHostStore(Database db, ISecretProtector secrets) : IHostStore
{
    private const string Select = "SELECT " + HostRow.Columns + " FROM hosts";

    public async Task<Host?> GetAsync(Guid id, CancellationToken ct) =>
        (await db.QuerySingleOrDefaultAsync<HostRow>(Select + " WHERE id = @Id", new { Id = Ids.Text(id) }, ct))?.ToHost(secrets);

    public async Task<IReadOnlyList<Host>> ListAsync(CancellationToken ct) =>
        [.. (await db.QueryAsync<HostRow>(Select + " ORDER BY lower(name)", null, ct)).Select(r => r.ToHost(secrets))];

    public Task AddAsync(Host host, CancellationToken ct) => db.ExecuteNamedAsync(
        "INSERT INTO hosts (" + HostRow.Columns + ") VALUES (@Id, @Name, @ClusterId, @Address, @Secret, @Status, "
        + "@Capabilities, @Version)",
        HostRow.From(host, secrets), "host", host.Name, ct);

    public async Task<Host> UpdateAsync(Host host, CancellationToken ct)
    {
        var changed = await db.ExecuteNamedAsync(
            "UPDATE hosts SET name = @Name, cluster_id = @ClusterId, address = @Address, secret = @Secret, "
            + "status = @Status, capabilities = @Capabilities, version = version + 1 WHERE id = @Id AND version = @Version",
            HostRow.From(host, secrets), "host", host.Name, ct);
        return changed == 1
            ? host with { Version = host.Version + 1 }
            : throw new ConcurrencyException(
                $"Host '{host.Name}' was changed or removed since it was read (version {host.Version}); read it again.");
    }

    public async Task<bool> RemoveAsync(Guid id, CancellationToken ct) =>
        await db.ExecuteAsync("DELETE FROM hosts WHERE id = @Id", new { Id = Ids.Text(id) }, ct) > 0;
}
