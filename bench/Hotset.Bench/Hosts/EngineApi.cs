using System.Net;
using System.Net.Http.Headers;
using Hotset.Client;

namespace Hotset.Bench.Hosts;

/// <summary>
/// The engine's REST API through the product's typed client, logged in with an SSO token (as the oVirt SDK logs in);
/// <see cref="GetBytesAsync"/> reads a representation as it goes over the wire, for the size and format figures.
/// </summary>
public sealed class EngineApi : IDisposable
{
    public const string User = "admin@internal";
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(120) };
    private readonly HttpClient _clientHttp = new() { Timeout = TimeSpan.FromSeconds(120) };
    private readonly HotsetClient _client;

    public EngineApi(Uri root) => _client = new HotsetClient(_clientHttp, root);

    /// <summary>Waits until the API answers, then logs in with the password grant.</summary>
    public async Task LoginAsync(string password, HostProcess process, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var token = await _client.LoginAsync(User, password, ct);
                _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);
                return;
            }
            catch (HttpRequestException) when (attempt < 600 && !process.HasExited)
            {
                // Not listening yet.
            }

            if (process.HasExited || attempt >= 600)
            {
                throw new InvalidOperationException($"The engine did not start; its log ends with:\n{process.Tail()}");
            }

            await Task.Delay(200, ct);
        }
    }

    public Task<string> CreateVmAsync(string name, CancellationToken ct) => CreateVmAsync(name, 8, ct);

    public async Task<string> CreateVmAsync(string name, int maxVCpus, CancellationToken ct)
    {
        var vm = await _client.Vms.AddAsync(new VmCreate(name)
        {
            Cluster = "Default",
            Template = "Blank",
            Memory = 128L * 1024 * 1024,
            MaxVcpus = maxVCpus,
        }, ct);
        return vm.Id;
    }

    /// <summary>Starts the VM, retrying while the local host is not registered and Up yet.</summary>
    public async Task StartVmAsync(string id, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await _client.Vms.StartAsync(id, ct: ct);
                return;
            }
            catch (HotsetApiException) when (attempt <= 120)
            {
                await Task.Delay(500, ct);
            }
        }
    }

    public async Task StopVmAsync(string id, CancellationToken ct)
    {
        try
        {
            await _client.Vms.StopAsync(id, ct: ct);
        }
        catch (HotsetApiException)
        {
            // Already down: nothing to stop.
        }
    }

    public async Task<EngineVm> GetVmAsync(string id, CancellationToken ct) =>
        EngineVm.From(await _client.Vms.GetAsync(id, ct: ct));

    /// <summary><c>PUT /vms/{id}</c> with new sockets: the status, and the hot-set outcome or the fault's text.</summary>
    public async Task<(HttpStatusCode Status, string HotSet)> PutSocketsAsync(string id, int sockets, CancellationToken ct)
    {
        try
        {
            var result = await _client.Vms.UpdateAsync(id, new VmUpdate { Sockets = sockets }, ct: ct);
            return (HttpStatusCode.OK, result.HotSet?.Result ?? "");
        }
        catch (HotsetApiException e)
        {
            return (e.Status, e.Message);
        }
    }

    /// <summary>GETs <paramref name="path"/> (under the API root) in the given media type; returns the body.</summary>
    public async Task<byte[]> GetBytesAsync(string path, string accept, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_client.EngineUrl, "ovirt-engine/api/" + path));
        request.Headers.Accept.ParseAdd(accept);
        using var reply = await _http.SendAsync(request, ct);
        reply.EnsureSuccessStatusCode();
        return await reply.Content.ReadAsByteArrayAsync(ct);
    }

    public void Dispose()
    {
        _http.Dispose();
        _clientHttp.Dispose();
    }
}
