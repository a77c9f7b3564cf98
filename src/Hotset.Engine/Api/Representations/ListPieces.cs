using System.Collections.Concurrent;
using System.Text.Json;
using System.Xml;

namespace Hotset.Engine.Api.Representations;

/// <summary>
/// A collection's bytes cut into pieces that can be written apart: <see cref="Header"/>, then the first entry after
/// <see cref="FirstPrefix"/>, every further entry after <see cref="Separator"/>, then <see cref="Footer"/> — exactly
/// the bytes <see cref="ListResult{T}"/> writes for the same non-empty list. The pieces are cut from what the XML and
/// JSON writers themselves produce, so the two cannot drift apart.
/// </summary>
internal sealed class ListPieces
{
    private static readonly ConcurrentDictionary<(ApiFormat, string, string), ListPieces> Envelopes = new();

    private ListPieces(byte[] header, byte[] footer, byte[] firstPrefix, byte[] separator)
    {
        Header = header;
        Footer = footer;
        FirstPrefix = firstPrefix;
        Separator = separator;
    }

    public byte[] Header { get; }
    public byte[] Footer { get; }

    /// <summary>What the writer puts before the first entry only: XML closes the collection's start tag there.</summary>
    public byte[] FirstPrefix { get; }

    /// <summary>What the writer puts before every further entry: JSON's comma.</summary>
    public byte[] Separator { get; }

    /// <summary>The envelope of collection <paramref name="name"/> of <paramref name="itemName"/> entries in <paramref name="format"/>.</summary>
    public static ListPieces For(ApiFormat format, string name, string itemName) =>
        Envelopes.GetOrAdd((format, name, itemName), key =>
        {
            var (f, n, item) = key;
            var (firstPrefix, separator) = Joints(f);
            var (header, _, footer) = Cut(f, n, item, [new Node(item)]);
            return new ListPieces(header, footer, firstPrefix, separator);
        });

    /// <summary>
    /// Each of <paramref name="nodes"/> written as an entry of the collection, without the first prefix or separator
    /// in front of it; one writer for all of them.
    /// </summary>
    public static IReadOnlyList<byte[]> Entries(ApiFormat format, string name, string itemName, IReadOnlyList<Node> nodes) =>
        nodes.Count == 0 ? [] : Cut(format, name, itemName, nodes).Entries;

    private static (byte[] FirstPrefix, byte[] Separator) Joints(ApiFormat format) =>
        format == ApiFormat.Json ? ([], [(byte)',']) : ([(byte)'>'], []);

    private static (byte[] Header, byte[][] Entries, byte[] Footer) Cut(ApiFormat format, string name, string itemName,
        IReadOnlyList<Node> nodes)
    {
        using var buffer = new MemoryStream(4096 + nodes.Count * 1280);
        var entries = new byte[nodes.Count][];
        var (firstPrefix, separator) = Joints(format);
        byte[] header;
        if (format == ApiFormat.Json)
        {
            using var writer = new Utf8JsonWriter(buffer, JsonOutput.Options);
            writer.WriteStartObject();
            writer.WriteStartArray(itemName);
            writer.Flush();
            header = buffer.ToArray();
            for (var i = 0; i < nodes.Count; i++)
            {
                var start = buffer.Length;
                JsonOutput.WriteValue(writer, nodes[i]);
                writer.Flush();
                entries[i] = Slice(buffer, start, i == 0 ? firstPrefix : separator);
            }

            var end = buffer.Length;
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.Flush();
            return (header, entries, buffer.GetBuffer()[(int)end..(int)buffer.Length]);
        }

        using (var writer = XmlWriter.Create(buffer, XmlOutput.Settings))
        {
            writer.WriteStartDocument(true);
            writer.WriteStartElement(name);
            writer.Flush();
            header = buffer.ToArray();
            for (var i = 0; i < nodes.Count; i++)
            {
                var start = buffer.Length;
                XmlOutput.WriteNode(writer, nodes[i]);
                writer.Flush();
                entries[i] = Slice(buffer, start, i == 0 ? firstPrefix : separator);
            }

            var end = buffer.Length;
            writer.WriteEndElement();
            writer.WriteEndDocument();
            writer.Flush();
            return (header, entries, buffer.GetBuffer()[(int)end..(int)buffer.Length]);
        }
    }

    private static byte[] Slice(MemoryStream buffer, long start, byte[] expectedPrefix)
    {
        var written = buffer.GetBuffer().AsSpan((int)start, (int)(buffer.Length - start));
        return written.StartsWith(expectedPrefix)
            ? written[expectedPrefix.Length..].ToArray()
            : throw new InvalidOperationException(
                $"A list entry did not begin with the {expectedPrefix.Length}-byte joint the writer was expected to put before it.");
    }
}
