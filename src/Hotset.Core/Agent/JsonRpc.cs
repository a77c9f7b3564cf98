using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hotset.Core.Agent;

/// <summary>A JSON-RPC 2.0 request as the engine sends it to an agent.</summary>
public sealed record JsonRpcRequest(
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("params")] JsonElement? Params,
    [property: JsonPropertyName("id")] JsonElement? Id)
{
    [JsonPropertyName("jsonrpc")] public string JsonRpc { get; init; } = "2.0";
}

/// <summary>A JSON-RPC 2.0 reply: exactly one of <see cref="Result"/> and <see cref="Error"/> is set.</summary>
public sealed record JsonRpcResponse(
    [property: JsonPropertyName("id")] JsonElement? Id,
    [property: JsonPropertyName("result"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonElement? Result,
    [property: JsonPropertyName("error"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] AgentError? Error)
{
    [JsonPropertyName("jsonrpc")] public string JsonRpc { get; init; } = "2.0";
}
