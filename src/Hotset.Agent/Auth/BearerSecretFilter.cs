using System.Security.Claims;
using Hotset.Core.Agent;

namespace Hotset.Agent.Auth;

/// <summary>Lets a call through only with <c>Authorization: Bearer &lt;host secret&gt;</c>; otherwise HTTP 401.</summary>
internal sealed partial class BearerSecretFilter(AgentSecret secret, ILogger<BearerSecretFilter> logger) : IEndpointFilter
{
    private const string Scheme = "Bearer ";
    private const string Caller = "engine";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var header = http.Request.Headers.Authorization.ToString();
        if (header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) && secret.Matches(header[Scheme.Length..].Trim()))
        {
            // Whoever holds the host secret is the engine; the access log names the caller so.
            http.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, Caller)], "HostSecret"));
            return await next(context);
        }

        LogRefused(logger, http.Connection.RemoteIpAddress?.ToString() ?? "an unknown address");
        http.Response.Headers.WWWAuthenticate = "Bearer";
        var error = new AgentError(
            AgentErrorCodes.Unauthenticated,
            "Unauthenticated: send the host secret as 'Authorization: Bearer <secret>' (Agent:Secret or agent.secret in the agent's state directory).");
        return Results.Json(new JsonRpcResponse(null, null, error), AgentJson.Options, statusCode: StatusCodes.Status401Unauthorized);
    }

    [LoggerMessage(EventId = 204, Level = LogLevel.Warning, Message = "Refused a call from {Remote} without a valid host secret")]
    private static partial void LogRefused(ILogger logger, string remote);
}
