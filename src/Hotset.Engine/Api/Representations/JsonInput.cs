using System.Text.Json;

namespace Hotset.Engine.Api.Representations;

/// <summary>
/// Reads a JSON request body (oVirt style, the entity's members without a wrapper) into a <see cref="Node"/> named
/// by the caller; numbers and booleans become text like XML's. Nesting deeper than <see cref="InputLimits.MaxDepth"/>
/// is refused.
/// </summary>
public static class JsonInput
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = InputLimits.MaxDepth };

    /// <summary>Throws <see cref="JsonException"/> when the body is not a JSON object in valid UTF-8.</summary>
    public static async Task<Node> ReadAsync(Stream body, string rootName, CancellationToken ct)
    {
        using var document = await ParseAsync(body, ct);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("The body must be a JSON object.");
        }

        try
        {
            return ReadObject(rootName, document.RootElement);
        }
        catch (InvalidOperationException e)
        {
            // The parser checks the structure only; a name or string that is not valid UTF-8 fails when it is decoded.
            throw new JsonException("The body is not valid UTF-8 text.", e);
        }
    }

    private static async Task<JsonDocument> ParseAsync(Stream body, CancellationToken ct)
    {
        try
        {
            return await JsonDocument.ParseAsync(body, Options, ct);
        }
        catch (JsonException e)
        {
            // The parser may quote the offending character, which the XML answer cannot carry.
            throw new JsonException(InputText.Printable(e.Message), e);
        }
    }

    private static Node ReadObject(string name, JsonElement element)
    {
        var node = new Node(name);
        foreach (var property in element.EnumerateObject())
        {
            _ = Check(property.Name, property.Name);
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
        JsonValueKind.String => Node.Leaf(name, Check(name, value.GetString() ?? "")),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => Node.Leaf(name, value.GetRawText()),
        _ => throw new JsonException($"'{name}' has a value of an unsupported kind ({value.ValueKind})."),
    };

    // XML cannot carry NULs and most control characters; refusing them here keeps every answer writable.
    private static string Check(string name, string text) => InputText.IsXmlText(text)
        ? text
        : throw new JsonException($"'{Shorten(InputText.Printable(name))}' holds a character XML cannot carry: " +
            $"'{Shorten(InputText.Printable(text))}'.");

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "…";
}
