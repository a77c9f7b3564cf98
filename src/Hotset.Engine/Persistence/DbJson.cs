using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hotset.Engine.Persistence;

/// <summary>How JSON columns (VM configurations, host capabilities) are written: camelCase, enums by name.</summary>
internal static class DbJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Read<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new InvalidOperationException($"Stored JSON is null: {json}");
}
