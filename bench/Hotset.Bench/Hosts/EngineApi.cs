using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Hotset.Bench.Hosts;

/// <summary>The engine's oVirt REST API, in JSON, with a bearer token from the SSO endpoint (as the oVirt SDK logs in).</summary>
public sealed class EngineApi(Uri root) : IDisposable
{
    public const string User = "admin@internal";
    private readonly HttpClient _http = new() { BaseAddress = root, Timeout = TimeSpan.FromSeconds(120) };

    /// <summary>Waits until the API answers, then logs in with the password grant.</summary>
    public async Task LoginAsync(string password, HostProcess process, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var form = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["grant_type"] = "password",
                    ["username"] = User,
                    ["password"] = password,
                    ["scope"] = "ovirt-app-api",
                });
                using var reply = await _http.PostAsync("/ovirt-engine/sso/oauth/token", form, ct);
                if (reply.IsSuccessStatusCode)
                {
                    var token = (await reply.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("access_token").GetString();
                    _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
                    return;
                }
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
        var body = new
        {
            name,
            cluster = new { name = "Default" },
            template = new { name = "Blank" },
            memory = 128L * 1024 * 1024,
            max_vcpus = maxVCpus,
        };
        using var reply = await SendAsync(HttpMethod.Post, "vms", body, ct);
        return (await Json(reply, ct)).GetProperty("id").GetString()!;
    }

    /// <summary>Starts the VM, retrying while the local host is not registered and Up yet.</summary>
    public async Task StartVmAsync(string id, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var reply = await _http.SendAsync(Request(HttpMethod.Post, $"vms/{id}/start", new { }), ct);
            if (reply.IsSuccessStatusCode)
            {
                return;
            }

            if (attempt > 120)
            {
                throw new InvalidOperationException($"Starting VM {id} failed: {(int)reply.StatusCode} {await reply.Content.ReadAsStringAsync(ct)}");
            }

            await Task.Delay(500, ct);
        }
    }

    public async Task StopVmAsync(string id, CancellationToken ct)
    {
        using var reply = await _http.SendAsync(Request(HttpMethod.Post, $"vms/{id}/stop", new { }), ct);
    }

    public async Task<EngineVm> GetVmAsync(string id, CancellationToken ct)
    {
        using var reply = await SendAsync(HttpMethod.Get, $"vms/{id}", null, ct);
        return EngineVm.From(await Json(reply, ct));
    }

    /// <summary><c>PUT /vms/{id}</c> with new sockets; returns the status and the <c>Hotset-Cpu-Hot-Set</c> header.</summary>
    public async Task<(HttpStatusCode Status, string HotSet)> PutSocketsAsync(string id, int sockets, CancellationToken ct)
    {
        var body = new { cpu = new { topology = new { sockets = sockets.ToString(System.Globalization.CultureInfo.InvariantCulture) } } };
        using var reply = await _http.SendAsync(Request(HttpMethod.Put, $"vms/{id}", body), HttpCompletionOption.ResponseContentRead, ct);
        var hotSet = reply.Headers.TryGetValues("Hotset-Cpu-Hot-Set", out var values) ? string.Join(",", values) : "";
        return (reply.StatusCode, hotSet);
    }

    /// <summary>GETs <paramref name="path"/> in the given media type; returns the body's size in bytes and the body.</summary>
    public async Task<byte[]> GetBytesAsync(string path, string accept, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd(accept);
        using var reply = await _http.SendAsync(request, ct);
        reply.EnsureSuccessStatusCode();
        return await reply.Content.ReadAsByteArrayAsync(ct);
    }

    public void Dispose() => _http.Dispose();

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        var reply = await _http.SendAsync(Request(method, path, body), ct);
        if (!reply.IsSuccessStatusCode)
        {
            var text = await reply.Content.ReadAsStringAsync(ct);
            reply.Dispose();
            throw new InvalidOperationException($"{method} {path} answered {(int)reply.StatusCode}: {text}");
        }

        return reply;
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, object? body)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Accept.ParseAdd("application/json");
        return request;
    }

    private static async Task<JsonElement> Json(HttpResponseMessage reply, CancellationToken ct) =>
        await reply.Content.ReadFromJsonAsync<JsonElement>(ct);
}
