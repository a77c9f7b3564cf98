using System.Net;

namespace Hotset.Client;

/// <summary>
/// The engine answered with a fault: oVirt's <c>{"reason","detail"}</c> (e.g. 409 <c>Operation Failed</c> /
/// <c>[Cannot edit VM. Maximum number of sockets exceeded.]</c>), an SSO error (<c>access_denied</c> and its text),
/// or a bare HTTP error. Transport failures (engine unreachable) stay <see cref="HttpRequestException"/>.
/// </summary>
public sealed class HotsetApiException : Exception
{
    public HotsetApiException(HttpStatusCode status, string reason, string detail)
        : base(string.IsNullOrEmpty(detail) ? reason : $"{reason}: {detail}")
    {
        Status = status;
        Reason = reason;
        Detail = detail;
    }

    public HotsetApiException()
        : this(HttpStatusCode.InternalServerError, "Operation Failed", "")
    {
    }

    public HotsetApiException(string message)
        : this(HttpStatusCode.InternalServerError, "Operation Failed", message)
    {
    }

    public HotsetApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Status = HttpStatusCode.InternalServerError;
        Reason = "Operation Failed";
        Detail = message;
    }

    /// <summary>The HTTP status of the answer.</summary>
    public HttpStatusCode Status { get; }

    /// <summary>The fault's reason (<c>Operation Failed</c>) or the SSO error code (<c>access_denied</c>).</summary>
    public string Reason { get; }

    /// <summary>The fault's detail as sent, e.g. <c>[msg1, msg2]</c>.</summary>
    public string Detail { get; }

    /// <summary>The detail without oVirt's surrounding brackets: the sentence(s) to show a user.</summary>
    public string DetailText => Detail.Length >= 2 && Detail[0] == '[' && Detail[^1] == ']' ? Detail[1..^1] : Detail;
}
