using System.Net;
using System.Text.Json.Nodes;

namespace Hotset.Client;

/// <summary><c>/vms</c>: list, get (also by name), add, update (with next_run), remove, actions, the preview and vCPUs.</summary>
public sealed class VmsApi
{
    private readonly ApiTransport _api;

    internal VmsApi(ApiTransport api) => _api = api;

    /// <summary>VMs, optionally filtered by an oVirt name search (<c>name=web*</c>) and limited to <paramref name="max"/>.</summary>
    public async Task<IReadOnlyList<Vm>> ListAsync(string? search = null, int? max = null, CancellationToken ct = default)
    {
        var query = Query.Of(("search", search), ("max", max?.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var json = await _api.GetAsync("vms" + query, ct);
        return [.. json.Items("vm").Select(Vm.From)];
    }

    /// <summary>The VM, or its pending next-run configuration when <paramref name="nextRun"/>; 404 throws.</summary>
    public async Task<Vm> GetAsync(string id, bool nextRun = false, CancellationToken ct = default) =>
        Vm.From(await _api.GetAsync(Path(id) + (nextRun ? "?next_run=true" : ""), ct));

    /// <summary>The VM named or with id <paramref name="nameOrId"/>; null when there is none.</summary>
    public async Task<Vm?> FindAsync(string nameOrId, CancellationToken ct = default)
    {
        if (Guid.TryParse(nameOrId, out _))
        {
            try
            {
                return await GetAsync(nameOrId, ct: ct);
            }
            catch (HotsetApiException e) when (e.Status == HttpStatusCode.NotFound)
            {
            }
        }

        var matches = await ListAsync("name=" + nameOrId, ct: ct);
        return matches.FirstOrDefault(v => v.Name == nameOrId);
    }

    public async Task<Vm> AddAsync(VmCreate vm, CancellationToken ct = default) =>
        Vm.From((await _api.SendAsync(HttpMethod.Post, "vms", vm.ToJson(), ct)).Body);

    /// <summary>
    /// Changes the VM (only the values set). Sockets of a running VM are hot set unless <paramref name="nextRun"/>;
    /// the result tells what the hot set did. Refused changes throw (400/409) and change nothing.
    /// </summary>
    public async Task<VmUpdateResult> UpdateAsync(string id, VmUpdate update, bool nextRun = false, CancellationToken ct = default)
    {
        var answer = await _api.SendAsync(HttpMethod.Put, Path(id) + (nextRun ? "?next_run=true" : ""), update.ToJson(), ct);
        var header = answer.Headers.TryGetValues(HotSetOutcome.HeaderName, out var values) ? values.FirstOrDefault() : null;
        return new VmUpdateResult(Vm.From(answer.Body), HotSetOutcome.Parse(header));
    }

    /// <summary>Removes a VM that is down.</summary>
    public Task RemoveAsync(string id, CancellationToken ct = default) =>
        _api.SendAsync(HttpMethod.Delete, Path(id), null, ct);

    public Task StartAsync(string id, string? reason = null, CancellationToken ct = default) => ActionAsync(id, "start", reason, ct);

    /// <summary>Powers the VM off now.</summary>
    public Task StopAsync(string id, string? reason = null, CancellationToken ct = default) => ActionAsync(id, "stop", reason, ct);

    /// <summary>Asks the guest to shut down.</summary>
    public Task ShutdownAsync(string id, string? reason = null, CancellationToken ct = default) => ActionAsync(id, "shutdown", reason, ct);

    /// <summary>Reboots; a cold reboot that applies a pending next-run configuration.</summary>
    public Task RebootAsync(string id, string? reason = null, CancellationToken ct = default) => ActionAsync(id, "reboot", reason, ct);

    /// <summary>
    /// Live-migrates the VM to the host named <paramref name="hostName"/>, or (null) to the Up host of its cluster with
    /// the most free vCPUs. Returns once the migration runs; it ends later (the VM's status and host, events 63/65).
    /// Refusals (same host, host down or too small, VM not running) throw 404/409 and start nothing.
    /// </summary>
    public Task MigrateAsync(string id, string? hostName = null, CancellationToken ct = default)
    {
        var body = new JsonObject();
        if (!string.IsNullOrWhiteSpace(hostName))
        {
            body["host"] = new JsonObject { ["name"] = hostName };
        }

        return _api.SendAsync(HttpMethod.Post, $"{Path(id)}/migrate", body, ct);
    }

    /// <summary>Cancels the VM's migration; it keeps running on its source host. Not migrating throws 409.</summary>
    public Task CancelMigrationAsync(string id, CancellationToken ct = default) =>
        _api.SendAsync(HttpMethod.Post, $"{Path(id)}/cancelmigration", new JsonObject(), ct);

    /// <summary>The hot-set preview (SPEC §13): what each sockets value would do now (or at next run).</summary>
    public async Task<CpuOptions> GetCpuOptionsAsync(string id, bool nextRun = false, CancellationToken ct = default) =>
        CpuOptions.From(await _api.GetAsync(Path(id) + "/cpuoptions" + (nextRun ? "?next_run=true" : ""), ct));

    /// <summary>The vCPU table: one entry per slot up to the max vCPUs, in index order.</summary>
    public async Task<IReadOnlyList<Vcpu>> GetVcpusAsync(string id, CancellationToken ct = default) =>
        [.. (await _api.GetAsync(Path(id) + "/vcpus", ct)).Items("vcpu").Select(Vcpu.From)];

    private async Task ActionAsync(string id, string action, string? reason, CancellationToken ct)
    {
        var body = new JsonObject();
        VmChanges.Set(body, "reason", reason);
        await _api.SendAsync(HttpMethod.Post, $"{Path(id)}/{action}", body, ct);
    }

    private static string Path(string id) => "vms/" + Uri.EscapeDataString(id);
}
