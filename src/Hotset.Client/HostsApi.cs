using System.Net;
using System.Text.Json.Nodes;

namespace Hotset.Client;

/// <summary><c>/hosts</c>: list, get (also by name), add (register an agent), remove.</summary>
public sealed class HostsApi
{
    private readonly ApiTransport _api;

    internal HostsApi(ApiTransport api) => _api = api;

    public async Task<IReadOnlyList<Host>> ListAsync(CancellationToken ct = default) =>
        [.. (await _api.GetAsync("hosts", ct)).Items("host").Select(Host.From)];

    public async Task<Host> GetAsync(string id, CancellationToken ct = default) =>
        Host.From(await _api.GetAsync(Path(id), ct));

    /// <summary>The host named or with id <paramref name="nameOrId"/>; null when there is none.</summary>
    public async Task<Host?> FindAsync(string nameOrId, CancellationToken ct = default)
    {
        if (Guid.TryParse(nameOrId, out _))
        {
            try
            {
                return await GetAsync(nameOrId, ct);
            }
            catch (HotsetApiException e) when (e.Status == HttpStatusCode.NotFound)
            {
            }
        }

        return (await ListAsync(ct)).FirstOrDefault(h => h.Name == nameOrId);
    }

    public async Task<Host> AddAsync(HostCreate host, CancellationToken ct = default)
    {
        var body = new JsonObject { ["name"] = host.Name, ["address"] = host.Address, ["root_password"] = host.Secret };
        VmChanges.Set(body, "port", host.Port?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (host.Cluster is not null)
        {
            body["cluster"] = new JsonObject { ["name"] = host.Cluster };
        }

        return Host.From((await _api.SendAsync(HttpMethod.Post, "hosts", body, ct)).Body);
    }

    /// <summary>Removes a host that runs no VMs.</summary>
    public Task RemoveAsync(string id, CancellationToken ct = default) => _api.SendAsync(HttpMethod.Delete, Path(id), null, ct);

    private static string Path(string id) => "hosts/" + Uri.EscapeDataString(id);
}
