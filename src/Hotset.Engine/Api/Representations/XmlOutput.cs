using System.Text;
using System.Xml;

namespace Hotset.Engine.Api.Representations;

/// <summary>Writes a <see cref="Node"/> as oVirt XML (UTF-8, standalone declaration).</summary>
public static class XmlOutput
{
    internal static readonly XmlWriterSettings Settings = new()
    {
        Encoding = new UTF8Encoding(false),
        Indent = true,
        IndentChars = "  ",
    };

    /// <summary>Writes synchronously: callers write into a memory buffer and copy that to the response.</summary>
    public static void Write(Stream stream, Node node)
    {
        using var writer = XmlWriter.Create(stream, Settings);
        writer.WriteStartDocument(true);
        WriteNode(writer, node);
        writer.WriteEndDocument();
    }

    public static string ToText(Node node)
    {
        using var stream = new MemoryStream();
        Write(stream, node);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    internal static void WriteNode(XmlWriter writer, Node node)
    {
        writer.WriteStartElement(node.Name);
        if (node.HasAttributes)
        {
            foreach (var (name, value) in node.Attributes)
            {
                writer.WriteAttributeString(name, value);
            }
        }

        if (node.Text is not null)
        {
            writer.WriteString(node.Text);
        }

        if (node.HasChildren)
        {
            foreach (var child in node.Children)
            {
                WriteNode(writer, child);
            }
        }

        writer.WriteEndElement();
    }
}
