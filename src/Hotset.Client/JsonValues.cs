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

    public static int? Int(this JsonElement element, string path) =>
        int.TryParse(element.Text(path), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    public static long? Long(this JsonElement element, string path) =>
        long.TryParse(element.Text(path), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    public static double? Double(this JsonElement element, string path) =>
        double.TryParse(element.Text(path), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    public static bool? Bool(this JsonElement element, string path) => element.Text(path) switch
    {
        "true" => true,
        "false" => false,
        _ => null,
    };

    public static DateTimeOffset? Time(this JsonElement element, string path) =>
        DateTimeOffset.TryParse(element.Text(path), CultureInfo.InvariantCulture, DateTimeStyles.None, out var value) ? value : null;

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
    public static IEnumerable<JsonElement> Items(this JsonElement element, string path)
    {
        var slash = path.LastIndexOf('/');
        var parent = slash < 0 ? element : element.Object(path[..slash]);
        var name = slash < 0 ? path : path[(slash + 1)..];
        if (parent is not { ValueKind: JsonValueKind.Object } p || !p.TryGetProperty(name, out var value))
        {
            return [];
        }

        return value.ValueKind switch
        {
            JsonValueKind.Array => value.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object).ToList(),
            JsonValueKind.Object => [value],
            _ => [],
        };
    }

    public static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
