using System.Text.Json.Serialization;

namespace Hotset.Core.Agent;

/// <summary>The <c>error</c> member of a JSON-RPC reply from the agent.</summary>
public sealed record AgentError(
    [property: JsonPropertyName("code")] int Code,
    [property: JsonPropertyName("message")] string Message);
