using System.Text.Json;
using Hotset.Engine.Api.Representations;

namespace Hotset.Engine.Api.Vms;

/// <summary>
/// A 200 answer in XML (a <see cref="Node"/>) or in JSON with typed values — numbers and booleans as such, as the
/// contract of the CPU views shows them — rather than the all-string JSON of the oVirt resources.
/// </summary>
public sealed class TypedNodeResult(Func<Node> xml, Action<Utf8JsonWriter> json) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var format = ApiFormats.ForResponse(httpContext.Request);
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ApiFormats.ContentType(format);
        using var buffer = new MemoryStream(8192);
        if (format == ApiFormat.Json)
        {
            using var writer = new Utf8JsonWriter(buffer, JsonOutput.Options);
            json(writer);
        }
        else
        {
            XmlOutput.Write(buffer, xml());
        }

        response.ContentLength = buffer.Length;
        buffer.Position = 0;
        await buffer.CopyToAsync(response.Body, httpContext.RequestAborted);
    }
}
