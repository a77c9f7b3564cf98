using System.Text;
using System.Xml;

namespace Hotset.Engine.Api.Representations;

/// <summary>
/// Reads an XML request body into a <see cref="Node"/>; DTDs are refused. The tree is built without recursion and in
/// time linear in the body; nesting deeper than <see cref="InputLimits.MaxDepth"/> is refused.
/// </summary>
public static class XmlInput
{
    private static readonly XmlReaderSettings Settings = new()
    {
        Async = true,
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
    };

    /// <summary>The document's root element; throws <see cref="XmlException"/> when the text is not well-formed XML.</summary>
    public static async Task<Node> ReadAsync(Stream body, CancellationToken ct)
    {
        try
        {
            return await ReadTreeAsync(body, ct);
        }
        catch (XmlException e)
        {
            // The reader quotes the offending character, which may be one (a NUL) that the XML answer cannot carry.
            throw new XmlException(InputText.Printable(e.Message), e);
        }
    }

    private static async Task<Node> ReadTreeAsync(Stream body, CancellationToken ct)
    {
        using var reader = XmlReader.Create(body, Settings);
        var open = new Stack<OpenElement>();
        while (await reader.ReadAsync())
        {
            ct.ThrowIfCancellationRequested();
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    if (open.Count >= InputLimits.MaxDepth)
                    {
                        throw new XmlException($"Elements are nested deeper than {InputLimits.MaxDepth} levels.");
                    }

                    var empty = reader.IsEmptyElement;
                    var node = ReadStartElement(reader);
                    if (open.TryPeek(out var parent))
                    {
                        parent.Node.Add(node);
                    }
                    else if (empty)
                    {
                        return node;
                    }

                    if (!empty)
                    {
                        open.Push(new OpenElement(node));
                    }

                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace when open.Count > 0:
                    (open.Peek().Text ??= new StringBuilder()).Append(reader.Value);
                    break;
                case XmlNodeType.EndElement:
                    var closed = open.Pop();
                    if (!closed.Node.HasChildren)
                    {
                        closed.Node.SetText(closed.Text?.ToString().Trim() ?? "");
                    }

                    if (open.Count == 0)
                    {
                        return closed.Node;
                    }

                    break;
            }
        }

        throw new XmlException(open.Count == 0 ? "The body has no XML element." : $"The element <{open.Last().Node.Name}> is not closed.");
    }

    private static Node ReadStartElement(XmlReader reader)
    {
        var node = new Node(reader.LocalName);
        if (reader.MoveToFirstAttribute())
        {
            do
            {
                if (reader.Prefix != "xmlns" && reader.LocalName != "xmlns")
                {
                    node.Attr(reader.LocalName, reader.Value);
                }
            }
            while (reader.MoveToNextAttribute());
            reader.MoveToElement();
        }

        return node;
    }

    /// <summary>An element whose end tag has not been read yet, and its text so far (appended, never concatenated).</summary>
    private sealed class OpenElement(Node node)
    {
        public Node Node { get; } = node;
        public StringBuilder? Text { get; set; }
    }
}
