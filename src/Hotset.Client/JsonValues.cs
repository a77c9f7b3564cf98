using System.Globalization;
using System.Text.Json;

namespace Hotset.Client;

/// <summary>
/// Reads oVirt-style JSON, where every value is usually a string (<c>"sockets":"2"</c>) but plain numbers and
/// booleans are accepted too, and a repeated element is an array or, when single, an object.
/// </summary>
internal static class JsonValues
{
    /// <summary>The value at <paramref name="path"/> (<c>cpu/topology/sockets</c>) as text; null when absent.</summary>
    public static string? Text(this JsonElement element, string path)
    {
        var current = element;
        foreach (var part in path.Split('/'))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(part, out current))
            {
                return null;
            }
        }

        return current.ValueKind switch
        {
            JsonValueKind.String => current.GetString(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => current.GetRawText(),
            _ => null,
        };
    }

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
    public static JsonElement? Object(this JsonElement element, string path)
    {
        var current = element;
        foreach (var part in path.Split('/'))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(part, out current))
            {
                return null;
            }
        }

        return current.ValueKind == JsonValueKind.Object ? current : null;
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
