using System.Text;
using System.Xml;

namespace Hotset.Engine.Api.Representations;

/// <summary>Writes a <see cref="Node"/> as oVirt XML (UTF-8, standalone declaration).</summary>
public static class XmlOutput
{
    private static readonly XmlWriterSettings Settings = new()
    {
        Encoding = new UTF8Encoding(false),
        Async = true,
        Indent = true,
        IndentChars = "  ",
    };

    public static async Task WriteAsync(Stream stream, Node node, CancellationToken ct)
    {
        await using var writer = XmlWriter.Create(stream, Settings);
        await writer.WriteStartDocumentAsync(true);
        await WriteNodeAsync(writer, node);
        await writer.WriteEndDocumentAsync();
        await writer.FlushAsync();
        ct.ThrowIfCancellationRequested();
    }

    public static string ToText(Node node)
    {
        using var stream = new MemoryStream();
        WriteAsync(stream, node, CancellationToken.None).GetAwaiter().GetResult();
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static async Task WriteNodeAsync(XmlWriter writer, Node node)
    {
        await writer.WriteStartElementAsync(null, node.Name, null);
        foreach (var (name, value) in node.Attributes)
        {
            await writer.WriteAttributeStringAsync(null, name, null, value);
        }

        if (node.Text is not null)
        {
            await writer.WriteStringAsync(node.Text);
        }

        foreach (var child in node.Children)
        {
            await WriteNodeAsync(writer, child);
        }

        await writer.WriteEndElementAsync();
    }
}
