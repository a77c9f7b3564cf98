using System.Collections.Concurrent;
using Hotset.Engine.Clusters;

namespace Hotset.Engine.Tests.Fakes;

public sealed class InMemoryClusterStore : IClusterStore
{
    private readonly ConcurrentDictionary<Guid, Cluster> _clusters = new();

    public Task<Cluster?> GetAsync(Guid id, CancellationToken ct) => Task.FromResult(_clusters.GetValueOrDefault(id));

    public Task<IReadOnlyList<Cluster>> ListAsync(CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<Cluster>>([.. _clusters.Values.OrderBy(c => c.Name)]);

    public Task AddAsync(Cluster cluster, CancellationToken ct)
    {
        _clusters[cluster.Id] = cluster;
        return Task.CompletedTask;
    }

    public Task<Cluster> UpdateAsync(Cluster cluster, CancellationToken ct)
    {
        var written = cluster with { RowVersion = cluster.RowVersion + 1 };
        _clusters[cluster.Id] = written;
        return Task.FromResult(written);
    }
}
