using System.Text.Json;

namespace Hotset.Engine.Api.Representations;

/// <summary>
/// Writes a <see cref="Node"/> in oVirt's JSON style: the root's members without a wrapper, every value a string,
/// attributes as members, repeated or collection children as arrays (<c>{"vm":[…]}</c>).
/// </summary>
public static class JsonOutput
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static async Task WriteAsync(Stream stream, Node node, CancellationToken ct)
    {
        await using var writer = new Utf8JsonWriter(stream, Options);
        WriteObject(writer, node);
        await writer.FlushAsync(ct);
    }

    private static void WriteObject(Utf8JsonWriter writer, Node node)
    {
        writer.WriteStartObject();
        foreach (var (name, value) in node.Attributes)
        {
            writer.WriteString(name, value);
        }

        if (node.ItemName is { } item)
        {
            writer.WriteStartArray(item);
            node.Children.ForEach(c => WriteValue(writer, c));
            writer.WriteEndArray();
        }
        else
        {
            foreach (var group in node.Children.GroupBy(c => c.Name))
            {
                writer.WritePropertyName(group.Key);
                if (group.Count() > 1)
                {
                    writer.WriteStartArray();
                    group.ToList().ForEach(c => WriteValue(writer, c));
                    writer.WriteEndArray();
                }
                else
                {
                    WriteValue(writer, group.First());
                }
            }
        }

        writer.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter writer, Node node)
    {
        if (node.Text is not null && node.Attributes.Count == 0)
        {
            writer.WriteStringValue(node.Text);
        }
        else
        {
            WriteObject(writer, node);
        }
    }
}
