using System.Text.Json;

namespace Hotset.Engine.Api.Representations;

/// <summary>
/// Reads a JSON request body (oVirt style, the entity's members without a wrapper) into a <see cref="Node"/> named
/// by the caller; numbers and booleans become text like XML's.
/// </summary>
public static class JsonInput
{
    /// <summary>Throws <see cref="JsonException"/> when the body is not a JSON object.</summary>
    public static async Task<Node> ReadAsync(Stream body, string rootName, CancellationToken ct)
    {
        using var document = await JsonDocument.ParseAsync(body, default, ct);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("The body must be a JSON object.");
        }

        return ReadObject(rootName, document.RootElement);
    }

    private static Node ReadObject(string name, JsonElement element)
    {
        var node = new Node(name);
        foreach (var property in element.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in property.Value.EnumerateArray())
                {
                    node.Add(ReadValue(property.Name, item));
                }
            }
            else if (property.Value.ValueKind != JsonValueKind.Null)
            {
                node.Add(ReadValue(property.Name, property.Value));
            }
        }

        return node;
    }

    private static Node ReadValue(string name, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => ReadObject(name, value),
        JsonValueKind.String => Node.Leaf(name, value.GetString() ?? ""),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => Node.Leaf(name, value.GetRawText()),
        _ => throw new JsonException($"'{name}' has a value of an unsupported kind ({value.ValueKind})."),
    };
}
