namespace Hotset.Client;

/// <summary><c>/clusters</c>: list and get.</summary>
public sealed class ClustersApi
{
    private readonly ApiTransport _api;

    internal ClustersApi(ApiTransport api) => _api = api;

    public async Task<IReadOnlyList<Cluster>> ListAsync(CancellationToken ct = default) =>
        [.. (await _api.GetAsync("clusters", ct)).Items("cluster").Select(Cluster.From)];

    public async Task<Cluster> GetAsync(string id, CancellationToken ct = default) =>
        Cluster.From(await _api.GetAsync("clusters/" + Uri.EscapeDataString(id), ct));
}
