using System.Text.Json;

namespace Hotset.Engine.Api.Representations;

/// <summary>
/// Writes a <see cref="Node"/> in oVirt's JSON style: the root's members without a wrapper, every value a string,
/// attributes as members, repeated or collection children as arrays (<c>{"vm":[…]}</c>).
/// </summary>
public static class JsonOutput
{
    internal static readonly JsonWriterOptions Options = new()
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
                foreach (var child in node.Children)
                {
                    WriteValue(writer, child);
                }
            }

            writer.WriteEndArray();
        }
        else if (node.HasChildren)
        {
            WriteMembers(writer, node.Children);
        }

        writer.WriteEndObject();
    }

    /// <summary>Children as members; children sharing a name become one array at the first one's place.</summary>
    private static void WriteMembers(Utf8JsonWriter writer, List<Node> children)
    {
        if (!HasRepeatedNames(children))
        {
            foreach (var child in children)
            {
                writer.WritePropertyName(child.Name);
                WriteValue(writer, child);
            }

            return;
        }

        for (var i = 0; i < children.Count; i++)
        {
            var child = children[i];
            if (children.FindIndex(c => c.Name == child.Name) < i)
            {
                continue;
            }

            writer.WritePropertyName(child.Name);
            var same = children.FindAll(c => c.Name == child.Name);
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

    private static bool HasRepeatedNames(List<Node> children)
    {
        for (var i = 1; i < children.Count; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (ReferenceEquals(children[i].Name, children[j].Name) || children[i].Name == children[j].Name)
                {
                    return true;
                }
            }
        }

        return false;
    }

    internal static void WriteValue(Utf8JsonWriter writer, Node node)
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
