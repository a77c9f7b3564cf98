using System.Globalization;
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

    public int? Int(string name) =>
        int.TryParse(Text(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    public long? Long(string name) =>
        long.TryParse(Text(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    public bool? Bool(string name) => Text(name) switch
    {
        "true" => true,
        "false" => false,
        _ => null,
    };

    public DateTimeOffset? Time(string name) =>
        DateTimeOffset.TryParse(Text(name), CultureInfo.InvariantCulture, DateTimeStyles.None, out var value) ? value : null;

    /// <summary>The objects of the repeated element <paramref name="name"/>: an array's objects, or a single object.</summary>
    public IEnumerable<JsonFields> Items(string name) => !_byName.TryGetValue(name, out var value)
        ? []
        : value.ValueKind switch
        {
            JsonValueKind.Array => value.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object).Select(Of).ToList(),
            JsonValueKind.Object => [Of(value)],
            _ => [],
        };
}
