using Hotset.Core.Agent;

namespace Hotset.Engine.Api;

/// <summary>
/// Takes the caller's <c>Correlation-Id</c> (oVirt's header) or makes one, echoes it on the response and opens a
/// logging scope with it, so one id finds a request in every log line it causes.
/// </summary>
internal sealed class CorrelationMiddleware(RequestDelegate next, ILogger<CorrelationMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var given = context.Request.Headers[AgentWire.CorrelationHeader].ToString();
        var id = given.Length is > 0 and <= 100 && given.All(c => c is > ' ' and <= '~')
            ? given
            : Guid.NewGuid().ToString("N")[..12];
        context.Items[ApiCaller.CorrelationItem] = id;
        context.Response.Headers[AgentWire.CorrelationHeader] = id;
        using (logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = id }))
        {
            await next(context);
        }
    }
}
