using System.Text.Json;

using Hotset.Agent.Faults;

namespace Hotset.Agent.Verbs;

/// <summary>Reads a verb's named parameters; anything missing or of the wrong type answers -32602.</summary>
internal static class VerbParams
{
    public static T Read<T>(JsonElement? parameters)
        where T : class
    {
        if (parameters is not { ValueKind: JsonValueKind.Object } value)
        {
            throw AgentFaultException.InvalidParams(
                "the agent's methods take named parameters: \"params\" must be a JSON object.");
        }

        try
        {
            return value.Deserialize<T>(AgentJson.Options)
                ?? throw AgentFaultException.InvalidParams("\"params\" must not be null.");
        }
        catch (JsonException e)
        {
            throw AgentFaultException.InvalidParams(e.Message);
        }
    }
}
