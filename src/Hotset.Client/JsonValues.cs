using System.Globalization;
using System.Text.Json;

namespace Hotset.Client;

/// <summary>
/// Reads oVirt-style JSON, where every value is usually a string (<c>"sockets":"2"</c>) but plain numbers and
/// booleans are accepted too, and a repeated element is an array or, when single, an object.
/// </summary>
internal static class JsonValues
{
    /// <summary>
    /// A response body as one JSON value, read straight from its UTF-8 bytes (a list of 1,000 VMs is a megabyte: no
    /// detour through a string, no copy); <c>default</c> (undefined) when the body is empty.
    /// </summary>
    public static JsonElement Parse(byte[] body)
    {
        if (body.AsSpan().Trim(" \t\r\n"u8).IsEmpty)
        {
            return default;
        }

        var reader = new Utf8JsonReader(body);
        return JsonElement.ParseValue(ref reader);
    }

    /// <summary>The value at <paramref name="path"/> (<c>cpu/topology/sockets</c>) as text; null when absent.</summary>
    public static string? Text(this JsonElement element, string path) => element.At(path) is { } value ? AsText(value) : null;

    /// <summary>A string, number or boolean as text; null for anything else.</summary>
    public static string? AsText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        _ => null,
    };

    public static string String(this JsonElement element, string path) => element.Text(path) ?? "";

    public static int? Int(this JsonElement element, string path) => ToInt(element.Text(path));

    public static long? Long(this JsonElement element, string path) => ToLong(element.Text(path));

    public static double? Double(this JsonElement element, string path) =>
        double.TryParse(element.Text(path), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    public static bool? Bool(this JsonElement element, string path) => ToBool(element.Text(path));

    public static DateTimeOffset? Time(this JsonElement element, string path) => ToTime(element.Text(path));

    // How oVirt's text values read; shared with JsonFields.
    internal static int? ToInt(string? text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    internal static long? ToLong(string? text) =>
        long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    internal static bool? ToBool(string? text) => text switch
    {
        "true" => true,
        "false" => false,
        _ => null,
    };

    internal static DateTimeOffset? ToTime(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value) ? value : null;

    /// <summary>A repeated element's value as its items: an array's objects, or a single object.</summary>
    internal static IEnumerable<JsonElement> ObjectsOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => value.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object).ToList(),
        JsonValueKind.Object => [value],
        _ => [],
    };

    /// <summary>The object at <paramref name="path"/>, or null.</summary>
    public static JsonElement? Object(this JsonElement element, string path) =>
        element.At(path) is { ValueKind: JsonValueKind.Object } value ? value : null;

    // Walks "a/b/c" one name at a time, without splitting the path (called for every field of every listed VM).
    private static JsonElement? At(this JsonElement element, string path)
    {
        var current = element;
        var rest = path.AsSpan();
        while (true)
        {
            var slash = rest.IndexOf('/');
            var name = slash < 0 ? rest : rest[..slash];
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
            {
                return null;
            }

            if (slash < 0)
            {
                return current;
            }

            rest = rest[(slash + 1)..];
        }
    }

    /// <summary>The items of a repeated element: an array's objects, or a single object.</summary>
    public static IEnumerable<JsonElement> Items(this JsonElement element, string path) =>
        element.At(path) is { } value ? ObjectsOf(value) : [];

    public static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
