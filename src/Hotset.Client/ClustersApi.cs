using System.Globalization;
using System.Text.Json.Nodes;

namespace Hotset.Client;

/// <summary><c>/clusters</c>: list, get and update.</summary>
public sealed class ClustersApi
{
    private readonly ApiTransport _api;

    internal ClustersApi(ApiTransport api) => _api = api;

    public async Task<IReadOnlyList<Cluster>> ListAsync(CancellationToken ct = default) =>
        [.. (await _api.GetAsync("clusters", ct)).Items("cluster").Select(Cluster.From)];

    public async Task<Cluster> GetAsync(string id, CancellationToken ct = default) =>
        Cluster.From(await _api.GetAsync("clusters/" + Uri.EscapeDataString(id), ct));

    /// <summary>Changes the cluster (only the values set); bad values throw (400).</summary>
    public async Task<Cluster> UpdateAsync(string id, ClusterUpdate update, CancellationToken ct = default)
    {
        var body = new JsonObject();
        VmChanges.Set(body, "name", update.Name);
        VmChanges.Set(body, "description", update.Description);
        VmChanges.Set(body, "threads_as_cores", update.ThreadsAsCores is { } threads ? (threads ? "true" : "false") : null);
        VmChanges.Set(body, "vcpu_overcommit_ratio", update.VcpuOvercommitRatio?.ToString(CultureInfo.InvariantCulture));
        if (update.Version is { } version)
        {
            var parts = version.Split('.', 2);
            body["version"] = new JsonObject { ["major"] = parts[0], ["minor"] = parts.Length > 1 ? parts[1] : "0" };
        }

        if (update.Architecture is { } architecture)
        {
            body["cpu"] = new JsonObject { ["architecture"] = architecture };
        }

        return Cluster.From((await _api.SendAsync(HttpMethod.Put, "clusters/" + Uri.EscapeDataString(id), body, ct)).Body);
    }
}
