using System.Net;
using System.Text.Json;
using System.Xml.Linq;

namespace Hotset.Client;

/// <summary>Reads the fault of an error answer: oVirt JSON or XML <c>fault</c>, SSO <c>{error_code,error}</c>, or none.</summary>
internal static class FaultParser
{
    public static HotsetApiException Parse(HttpStatusCode status, string? reasonPhrase, string body)
    {
        var trimmed = body.TrimStart();
        if (trimmed.StartsWith('{') && TryJson(status, trimmed) is { } fromJson)
        {
            return fromJson;
        }

        if (trimmed.StartsWith('<') && TryXml(status, trimmed) is { } fromXml)
        {
            return fromXml;
        }

        return new HotsetApiException(status, reasonPhrase ?? status.ToString(), Default(status, body));
    }

    private static HotsetApiException? TryJson(HttpStatusCode status, string body)
    {
        try
        {
            var json = JsonDocument.Parse(body).RootElement;
            if (json.Text("reason") is { } reason)
            {
                return new HotsetApiException(status, reason, json.String("detail"));
            }

            return json.Text("error_code") is { } code ? new HotsetApiException(status, code, json.String("error")) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static HotsetApiException? TryXml(HttpStatusCode status, string body)
    {
        try
        {
            var root = XElement.Parse(body);
            return root.Name.LocalName == "fault"
                ? new HotsetApiException(status, root.Element("reason")?.Value ?? "", root.Element("detail")?.Value ?? "")
                : null;
        }
        catch (System.Xml.XmlException)
        {
            return null;
        }
    }

    private static string Default(HttpStatusCode status, string body) => status switch
    {
        HttpStatusCode.Unauthorized => "The engine did not accept the credentials (wrong user or password, or an expired token).",
        HttpStatusCode.Forbidden => "The user is not allowed to do this.",
        HttpStatusCode.NotFound => "The engine has no such resource.",
        _ => body.Length > 500 ? body[..500] : body,
    };
}
