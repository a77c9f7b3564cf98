using System.Text.Json;
using System.Xml;
using Hotset.Engine.Api.Representations;

namespace Hotset.Engine.Api;

/// <summary>
/// Reads and checks a request body: well-formed, the expected root element, only names of oVirt's model. Elements of
/// the model Hotset does not manage are ignored and named in the <see cref="IgnoredHeader"/> of the response.
/// </summary>
public static class ApiInput
{
    /// <summary>
    /// The body as a <see cref="Node"/> (an empty node when the body is empty and <paramref name="optional"/>), or a
    /// 400 fault saying what is wrong.
    /// </summary>
    public static async Task<(Node? Node, IResult? Fault)> ReadAsync(HttpRequest request, InputShape shape,
        CancellationToken ct, bool optional = false)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        if (buffer.Length == 0 || buffer.ToArray().All(b => b is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t'))
        {
            return optional
                ? (new Node(shape.Name), null)
                : (null, FaultResults.BadRequest($"The request needs a <{shape.Name}> body."));
        }

        buffer.Position = 0;
        Node node;
        try
        {
            node = ApiFormats.ForRequest(request) == ApiFormat.Json
                ? await JsonInput.ReadAsync(buffer, shape.Name, ct)
                : await XmlInput.ReadAsync(buffer, ct);
        }
        catch (Exception e) when (e is XmlException or JsonException)
        {
            return (null, FaultResults.BadRequest($"The request body cannot be read: {e.Message}"));
        }

        if (node.Name != shape.Name)
        {
            return (null, FaultResults.BadRequest($"The request body must be a <{shape.Name}> element, not <{node.Name}>."));
        }

        var check = shape.Check(node);
        if (check.Unknown.Count > 0)
        {
            return (null, FaultResults.BadRequest(
                $"The request has elements Hotset does not know: {string.Join(", ", check.Unknown)}. They are not in "
                + "oVirt's API model either; check the spelling."));
        }

        IgnoredHeader.Set(request.HttpContext.Response, check.Ignored);
        return (node, null);
    }
}
