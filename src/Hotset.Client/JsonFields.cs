using System.Text.Json;

namespace Hotset.Client;

/// <summary>
/// An object's properties indexed by name in one pass. <see cref="JsonValues"/> looks each name up by scanning the
/// object; reading twenty fields of each of 1,000 listed VMs that way dominated the web UI's first load.
/// </summary>
internal sealed class JsonFields
{
    private static readonly JsonFields Empty = new(default);

    private readonly Dictionary<string, JsonElement> _byName = new(StringComparer.Ordinal);

    private JsonFields(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                _byName[property.Name] = property.Value;
            }
        }
    }

    public static JsonFields Of(JsonElement element) => new(element);

    /// <summary>The nested object <paramref name="name"/> (empty when absent), and whether it is there.</summary>
    public JsonFields Fields(string name, out bool present)
    {
        present = _byName.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.Object;
        return present ? new JsonFields(value) : Empty;
    }

    public JsonFields Fields(string name) => Fields(name, out _);

    public string? Text(string name) => _byName.TryGetValue(name, out var value) ? JsonValues.AsText(value) : null;

    public string String(string name) => Text(name) ?? "";

    public int? Int(string name) => JsonValues.ToInt(Text(name));

    public long? Long(string name) => JsonValues.ToLong(Text(name));

    public bool? Bool(string name) => JsonValues.ToBool(Text(name));

    public DateTimeOffset? Time(string name) => JsonValues.ToTime(Text(name));

    /// <summary>The objects of the repeated element <paramref name="name"/>: an array's objects, or a single object.</summary>
    public IEnumerable<JsonFields> Items(string name) =>
        _byName.TryGetValue(name, out var value) ? JsonValues.ObjectsOf(value).Select(Of).ToList() : [];
}
