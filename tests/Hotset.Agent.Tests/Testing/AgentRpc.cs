using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hotset.Core.Agent;

namespace Hotset.Agent.Tests.Testing;

/// <summary>Calls the agent's <c>POST /jsonrpc</c> the way the engine does, and reads the reply.</summary>
internal sealed class AgentRpc(HttpClient http)
{
    private int _id;

    public HttpClient Http => http;

    public async Task<RpcReply> CallAsync(string method, object? parameters = null)
    {
        var request = new Dictionary<string, object?>
        {
            ["jsonrpc"] = "2.0",
            ["id"] = Interlocked.Increment(ref _id),
            ["method"] = method,
        };
        if (parameters is not null)
        {
            request["params"] = parameters;
        }

        using var response = await http.PostAsJsonAsync(AgentMethods.Path, request);
        return await RpcReply.ReadAsync(response);
    }

    /// <summary>The result of a call that must succeed.</summary>
    public async Task<JsonElement> ResultAsync(string method, object? parameters = null)
    {
        var reply = await CallAsync(method, parameters);
        Assert.True(reply.Error is null, $"{method} failed: {reply.Error?.Code} {reply.Error?.Message}");
        return reply.Result!.Value;
    }

    /// <summary>The error of a call that must fail.</summary>
    public async Task<AgentError> ErrorAsync(string method, object? parameters = null)
    {
        var reply = await CallAsync(method, parameters);
        Assert.True(reply.Error is not null, $"{method} succeeded: {reply.Result}");
        return reply.Error!;
    }

    public async Task<VmStats> StatsAsync(string vmId) =>
        (await ResultAsync(AgentMethods.GetStats, new { vmID = vmId })).Deserialize<VmStats>()!;

    public Task<JsonElement> CreateAsync(VmDefinition definition) =>
        ResultAsync(AgentMethods.Create, new { vmID = definition.VmId, vmParams = definition });
}

/// <summary>One HTTP reply of the agent: status, and the JSON-RPC result or error.</summary>
internal sealed record RpcReply(HttpStatusCode Status, JsonElement Body, JsonElement? Result, AgentError? Error)
{
    public static async Task<RpcReply> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (text.Length == 0)
        {
            return new RpcReply(response.StatusCode, default, null, null);
        }

        var body = JsonDocument.Parse(text).RootElement.Clone();
        JsonElement? result = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("result", out var r) ? r : null;
        var error = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("error", out var e)
            ? e.Deserialize<AgentError>()
            : null;
        return new RpcReply(response.StatusCode, body, result, error);
    }
}
