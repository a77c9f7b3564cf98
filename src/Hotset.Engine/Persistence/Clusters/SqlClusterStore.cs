using Hotset.Engine.Clusters;

namespace Hotset.Engine.Persistence.Clusters;

/// <summary><see cref="IClusterStore"/> on SQLite or PostgreSQL.</summary>
internal sealed class SqlClusterStore(Database db) : IClusterStore
{
    private const string Select = "SELECT " + ClusterRow.Columns + " FROM clusters";

    public async Task<Cluster?> GetAsync(Guid id, CancellationToken ct) =>
        (await db.QuerySingleOrDefaultAsync<ClusterRow>(Select + " WHERE id = @Id", new { Id = Ids.Text(id) }, ct))
        ?.ToCluster();

    public async Task<IReadOnlyList<Cluster>> ListAsync(CancellationToken ct) =>
        [.. (await db.QueryAsync<ClusterRow>(Select + " ORDER BY lower(name)", null, ct)).Select(r => r.ToCluster())];

    public Task AddAsync(Cluster cluster, CancellationToken ct) => db.ExecuteNamedAsync(
        "INSERT INTO clusters (" + ClusterRow.Columns + ") VALUES (@Id, @Name, @Description, @CompatVersion, "
        + "@Architecture, @ThreadsAsCores, @VcpuOvercommitRatio, @Version)",
        ClusterRow.From(cluster), "cluster", cluster.Name, ct);

    public async Task<Cluster> UpdateAsync(Cluster cluster, CancellationToken ct)
    {
        var changed = await db.ExecuteNamedAsync(
            "UPDATE clusters SET name = @Name, description = @Description, compat_version = @CompatVersion, "
            + "architecture = @Architecture, threads_as_cores = @ThreadsAsCores, "
            + "vcpu_overcommit_ratio = @VcpuOvercommitRatio, version = version + 1 WHERE id = @Id AND version = @Version",
            ClusterRow.From(cluster), "cluster", cluster.Name, ct);
        return changed == 1
            ? cluster with { RowVersion = cluster.RowVersion + 1 }
            : throw new ConcurrencyException(
                $"Cluster '{cluster.Name}' was changed or removed since it was read (version {cluster.RowVersion}); read it again.");
    }
}
