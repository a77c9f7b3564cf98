using System.Text.Encodings.Web;
using System.Text.Json;

namespace Hotset.Agent.Rpc;

/// <summary>JSON settings of the agent's wire: the Core records name their members, so no naming policy is needed.</summary>
internal static class RpcJson
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
