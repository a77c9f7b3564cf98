using System.Collections.Frozen;
using System.Text.Json;
using Hotset.Agent.Verbs;
using Hotset.Core.Agent;

namespace Hotset.Agent.Rpc;

/// <summary>
/// Validates JSON-RPC 2.0 request objects and routes them to their verb. A request without <c>id</c> is a
/// notification: it runs, and gets no reply.
/// </summary>
internal sealed class RpcDispatcher(IEnumerable<IVerb> verbs, AgentFaultFilter filter)
{
    private readonly FrozenDictionary<string, IVerb> _verbs = verbs.ToFrozenDictionary(v => v.Method, StringComparer.Ordinal);

    /// <summary>Answers one request object; null for a notification.</summary>
    public async Task<JsonRpcResponse?> DispatchAsync(JsonElement request, CancellationToken ct)
    {
        if (request.ValueKind != JsonValueKind.Object)
        {
            return Invalid(null, "a request must be a JSON object.");
        }

        var hasId = request.TryGetProperty("id", out var idElement);
        if (hasId && idElement.ValueKind is not (JsonValueKind.String or JsonValueKind.Number or JsonValueKind.Null))
        {
            return Invalid(null, "\"id\" must be a string, a number or null.");
        }

        JsonElement? id = hasId ? idElement.Clone() : null;
        if (!request.TryGetProperty("jsonrpc", out var version) || version.ValueKind != JsonValueKind.String
            || version.GetString() != "2.0")
        {
            return Invalid(id, "\"jsonrpc\" must be \"2.0\".");
        }

        if (!request.TryGetProperty("method", out var methodElement) || methodElement.ValueKind != JsonValueKind.String)
        {
            return Invalid(id, "\"method\" must be a string.");
        }

        JsonElement? parameters = request.TryGetProperty("params", out var p) ? p : null;
        if (parameters is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Array) })
        {
            return Invalid(id, "\"params\" must be an object or an array.");
        }

        var method = methodElement.GetString()!;
        if (!_verbs.TryGetValue(method, out var verb))
        {
            return hasId
                ? AgentFaultFilter.Error(id, AgentErrorCodes.MethodNotFound, $"Method not found: the agent has no method '{method}'.")
                : null;
        }

        var response = await filter.InvokeAsync(verb, parameters, id, ct);
        return hasId ? response : null;
    }

    private static JsonRpcResponse Invalid(JsonElement? id, string detail) =>
        AgentFaultFilter.Error(id, AgentErrorCodes.InvalidRequest, $"Invalid Request: {detail}");
}
