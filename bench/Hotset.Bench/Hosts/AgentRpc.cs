using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Hotset.Core.Agent;

namespace Hotset.Bench.Hosts;

/// <summary>JSON-RPC 2.0 over HTTP to a host agent, as the engine calls it (one POST per call, bearer secret).</summary>
public sealed class AgentRpc(Uri address, string secret) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = address, Timeout = TimeSpan.FromSeconds(120) };
    private long _id;

    public Uri Address => address;

    public async Task<JsonElement> CallAsync(string method, object? parameters, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, AgentMethods.Path)
        {
            Content = JsonContent.Create(new { jsonrpc = "2.0", method, @params = parameters ?? new { }, id = ++_id }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        using var response = await _http.SendAsync(request, ct);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        if (body.TryGetProperty("error", out var error))
        {
            throw new AgentCallException(method, error.GetProperty("code").GetInt32(), error.GetProperty("message").GetString() ?? "");
        }

        return body.GetProperty("result").Clone();
    }

    public async Task<VmStats> StatsAsync(string vmId, CancellationToken ct) =>
        (await CallAsync(AgentMethods.GetStats, new { vmID = vmId }, ct)).Deserialize<VmStats>()
            ?? throw new InvalidOperationException("VM.getStats returned nothing.");

    public Task SetCpusAsync(string vmId, int count, CancellationToken ct) =>
        CallAsync(AgentMethods.SetNumberOfCpus, new { vmID = vmId, numberOfCpus = count }, ct);

    public void Dispose() => _http.Dispose();
}

public sealed class AgentCallException(string method, int code, string message)
    : Exception($"{method} failed with agent error {code}: {message}")
{
    public int Code { get; } = code;
}
