using Hotset.Engine.Api.Representations;

namespace Hotset.Engine.Api;

/// <summary>An oVirt representation answered as XML or JSON, as the request asked.</summary>
public sealed class NodeResult(Node node, int statusCode = StatusCodes.Status200OK) : IResult
{
    public Node Node { get; } = node;
    public int StatusCode { get; } = statusCode;

    /// <summary>Extra response headers (<c>Location</c>, <c>Hotset-Cpu-Hot-Set</c>).</summary>
    public Dictionary<string, string> Headers { get; } = [];

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var format = ApiFormats.ForResponse(httpContext.Request);
        var response = httpContext.Response;
        response.StatusCode = StatusCode;
        response.ContentType = ApiFormats.ContentType(format);
        foreach (var (name, value) in Headers)
        {
            response.Headers[name] = value;
        }

        // Sized for the usual entry so a large list is not copied over and over while the buffer grows.
        using var buffer = new MemoryStream(Node.ItemName is null ? 4096 : 4096 + (Node.HasChildren ? Node.Children.Count : 0) * 1280);
        if (format == ApiFormat.Json)
        {
            JsonOutput.Write(buffer, Node);
        }
        else
        {
            XmlOutput.Write(buffer, Node);
        }

        response.ContentLength = buffer.Length;
        buffer.Position = 0;
        await buffer.CopyToAsync(response.Body, httpContext.RequestAborted);
    }
}
