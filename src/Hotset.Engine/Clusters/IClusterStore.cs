namespace Hotset.Engine.Clusters;

public interface IClusterStore
{
    Task<Cluster?> GetAsync(Guid id, CancellationToken ct);
    Task<IReadOnlyList<Cluster>> ListAsync(CancellationToken ct);
    Task AddAsync(Cluster cluster, CancellationToken ct);
    Task<Cluster> UpdateAsync(Cluster cluster, CancellationToken ct);
}
