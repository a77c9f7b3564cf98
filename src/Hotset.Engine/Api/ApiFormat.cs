using Microsoft.Net.Http.Headers;

namespace Hotset.Engine.Api;

/// <summary>XML unless the client asks for JSON (<c>Accept</c> for answers, <c>Content-Type</c> for bodies), as oVirt.</summary>
public enum ApiFormat
{
    Xml,
    Json,
}

public static class ApiFormats
{
    /// <summary>JSON when <c>Accept</c> names <c>application/json</c> with a higher quality than any XML type.</summary>
    public static ApiFormat ForResponse(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted))
        {
            return ApiFormat.Xml;
        }

        double Quality(string type) => accepted
            .Where(a => a.MediaType.Equals(type, StringComparison.OrdinalIgnoreCase))
            .Select(a => a.Quality ?? 1.0).DefaultIfEmpty(-1).Max();
        var json = Quality("application/json");
        var xml = Math.Max(Quality("application/xml"), Quality("text/xml"));
        return json > 0 && json >= xml ? ApiFormat.Json : ApiFormat.Xml;
    }

    public static ApiFormat ForRequest(HttpRequest request) =>
        request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true ? ApiFormat.Json : ApiFormat.Xml;

    public static string ContentType(ApiFormat format) =>
        format == ApiFormat.Json ? "application/json; charset=utf-8" : "application/xml; charset=utf-8";
}
