using System.Text.Encodings.Web;
using System.Text.Json;

namespace Hotset.Agent;

/// <summary>JSON settings of the agent's wire (calls, replies, faults): the Core records name their members, so no naming policy is needed.</summary>
internal static class AgentJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.General)
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,

        // Replies are read by programs and people with curl, never embedded in HTML: keep quotes and '<' readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The result of verbs that answer <c>{}</c> (VDSM's plain success).</summary>
    public static object Empty { get; } = new Dictionary<string, object>();
}
