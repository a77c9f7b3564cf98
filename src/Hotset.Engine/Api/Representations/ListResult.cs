using System.Text.Json;
using System.Xml;

namespace Hotset.Engine.Api.Representations;

/// <summary>
/// A large collection (<c>&lt;vms&gt;</c>) answered as XML or JSON entry by entry: each entry's <see cref="Node"/> is
/// made, written into a small buffer and dropped, and the buffer goes to the response whenever it fills, so no tree
/// of the whole list and no copy of the whole body is ever held. The bytes are those <see cref="NodeResult"/> writes
/// for <see cref="Node.Collection"/> of the same entries.
/// </summary>
public sealed class ListResult<T>(string name, string itemName, IEnumerable<T> items, Func<T, Node> toNode) : IResult
{
    private const int FlushAt = 64 * 1024;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var format = ApiFormats.ForResponse(httpContext.Request);
        var response = httpContext.Response;
        var ct = httpContext.RequestAborted;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ApiFormats.ContentType(format);
        using var buffer = new MemoryStream(FlushAt + 8 * 1024);
        if (format == ApiFormat.Json)
        {
            await WriteJsonAsync(buffer, response.Body, ct);
        }
        else
        {
            await WriteXmlAsync(buffer, response.Body, ct);
        }

        await SendAsync(buffer, response.Body, ct);
    }

    private async Task WriteXmlAsync(MemoryStream buffer, Stream body, CancellationToken ct)
    {
        using var writer = XmlWriter.Create(buffer, XmlOutput.Settings);
        writer.WriteStartDocument(true);
        writer.WriteStartElement(name);
        foreach (var item in items)
        {
            XmlOutput.WriteNode(writer, toNode(item));
            if (buffer.Length >= FlushAt)
            {
                writer.Flush();
                await SendAsync(buffer, body, ct);
            }
        }

        writer.WriteEndElement();
        writer.WriteEndDocument();
        writer.Flush();
    }

    private async Task WriteJsonAsync(MemoryStream buffer, Stream body, CancellationToken ct)
    {
        using var writer = new Utf8JsonWriter(buffer, JsonOutput.Options);
        writer.WriteStartObject();
        writer.WriteStartArray(itemName);
        foreach (var item in items)
        {
            JsonOutput.WriteValue(writer, toNode(item));
            if (writer.BytesPending + buffer.Length >= FlushAt)
            {
                writer.Flush();
                await SendAsync(buffer, body, ct);
            }
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.Flush();
    }

    private static async Task SendAsync(MemoryStream buffer, Stream body, CancellationToken ct)
    {
        if (buffer.Length == 0)
        {
            return;
        }

        await body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), ct);
        buffer.SetLength(0);
    }
}
