using System.Xml;

namespace Hotset.Engine.Api.Representations;

/// <summary>Reads an XML request body into a <see cref="Node"/>; DTDs are refused.</summary>
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
        using var reader = XmlReader.Create(body, Settings);
        while (await reader.ReadAsync())
        {
            ct.ThrowIfCancellationRequested();
            if (reader.NodeType == XmlNodeType.Element)
            {
                return await ReadElementAsync(reader);
            }
        }

        throw new XmlException("The body has no XML element.");
    }

    private static async Task<Node> ReadElementAsync(XmlReader reader)
    {
        var node = new Node(reader.LocalName);
        var empty = reader.IsEmptyElement;
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

        if (empty)
        {
            return node;
        }

        var text = "";
        while (await reader.ReadAsync())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    node.Add(await ReadElementAsync(reader));
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace:
                    text += reader.Value;
                    break;
                case XmlNodeType.EndElement:
                    if (!node.HasChildren)
                    {
                        node.SetText(text.Trim());
                    }

                    return node;
            }
        }

        throw new XmlException($"The element <{node.Name}> is not closed.");
    }
}
