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

    /// <summary>Writes synchronously: callers write into a memory buffer and copy that to the response.</summary>
    public static void Write(Stream stream, Node node)
    {
        using var writer = new Utf8JsonWriter(stream, Options);
        WriteObject(writer, node);
    }

    private static void WriteObject(Utf8JsonWriter writer, Node node)
    {
        writer.WriteStartObject();
        if (node.HasAttributes)
        {
            foreach (var (name, value) in node.Attributes)
            {
                writer.WriteString(name, value);
            }
        }

        if (node.ItemName is { } item)
        {
            writer.WriteStartArray(item);
            if (node.HasChildren)
            {
                node.Children.ForEach(c => WriteValue(writer, c));
            }

            writer.WriteEndArray();
        }
        else if (node.HasChildren)
        {
            for (var i = 0; i < node.Children.Count; i++)
            {
                var child = node.Children[i];
                if (node.Children.FindIndex(c => c.Name == child.Name) < i)
                {
                    continue;
                }

                writer.WritePropertyName(child.Name);
                var same = node.Children.FindAll(c => c.Name == child.Name);
                if (same.Count > 1)
                {
                    writer.WriteStartArray();
                    same.ForEach(c => WriteValue(writer, c));
                    writer.WriteEndArray();
                }
                else
                {
                    WriteValue(writer, child);
                }
            }
        }

        writer.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter writer, Node node)
    {
        if (node.Text is not null && !node.HasAttributes)
        {
            writer.WriteStringValue(node.Text);
        }
        else
        {
            WriteObject(writer, node);
        }
    }
}
