namespace Hotset.Engine.Auth;

/// <summary>
/// The address failed logins are counted against: the connection's peer. Forwarding headers are not trusted (a client
/// could name any address in them); behind a reverse proxy, configure ASP.NET Core's forwarded-headers middleware.
/// </summary>
internal static class ClientAddress
{
    public static string Of(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
