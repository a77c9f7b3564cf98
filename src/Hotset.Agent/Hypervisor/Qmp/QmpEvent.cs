using System.Text.Json.Nodes;

namespace Hotset.Agent.Hypervisor.Qmp;

/// <summary>An asynchronous QMP event, e.g. <c>DEVICE_DELETED</c> with <c>{"path": "/machine/peripheral/vcpu3/lapic"}</c>.</summary>
public sealed record QmpEvent(string Name, JsonObject? Data, DateTimeOffset? Timestamp)
{
    /// <summary>A string member of <see cref="Data"/> (dotted path, e.g. <c>info.device</c>), or null.</summary>
    public string? GetString(string path) => Get(path) is JsonValue v && v.TryGetValue(out string? s) ? s : null;

    /// <summary>An integer member of <see cref="Data"/> (dotted path, e.g. <c>info.source</c>), or null.</summary>
    public long? GetInt64(string path) => Get(path) is JsonValue v && v.TryGetValue(out long n) ? n : null;

    private JsonNode? Get(string path)
    {
        JsonNode? node = Data;
        foreach (var part in path.Split('.'))
        {
            node = node is JsonObject o && o.TryGetPropertyValue(part, out var child) ? child : null;
        }

        return node;
    }

    internal static QmpEvent Parse(JsonObject message)
    {
        DateTimeOffset? at = null;
        if (message["timestamp"] is JsonObject ts && ts["seconds"]?.GetValue<long>() is long s)
        {
            at = DateTimeOffset.FromUnixTimeSeconds(s).AddTicks((ts["microseconds"]?.GetValue<long>() ?? 0) * 10);
        }

        return new QmpEvent(message["event"]!.GetValue<string>(), message["data"] as JsonObject, at);
    }
}
