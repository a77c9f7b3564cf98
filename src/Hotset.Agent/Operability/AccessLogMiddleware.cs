using System.Diagnostics;
using Hotset.Core.Agent;

namespace Hotset.Agent.Operability;

/// <summary>
/// One line per request in the category <c>Hotset.Agent.AccessLog</c>: method, path (never the query string), status,
/// duration, the caller (<c>engine</c> when it presented the host secret, else <c>-</c>) and the engine's correlation
/// id. No header or body is logged, so the host secret never is.
/// </summary>
internal sealed partial class AccessLogMiddleware(RequestDelegate next, ILoggerFactory loggers)
{
    public const string Category = "Hotset.Agent.AccessLog";
    private const int MaxPathLength = 300;
    private readonly ILogger _logger = loggers.CreateLogger(Category);

    public async Task InvokeAsync(HttpContext context)
    {
        if (!_logger.IsEnabled(LogLevel.Information))
        {
            await next(context);
            return;
        }

        var started = Stopwatch.GetTimestamp();
        var method = context.Request.Method;
        var path = LogText.Clean(context.Request.PathBase + context.Request.Path, MaxPathLength);
        var given = context.Request.Headers[AgentWire.CorrelationHeader].ToString();
        var correlationId = given.Length > 0 ? LogText.Clean(given, 100) : "-";
        var status = StatusCodes.Status500InternalServerError;
        try
        {
            await next(context);
            status = context.Response.StatusCode;
        }
        finally
        {
            status = context.Response.HasStarted ? context.Response.StatusCode : status;
            var user = context.User.Identity is { IsAuthenticated: true, Name: { } name } ? name : "-";
            var durationMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            LogRequest(method, path, status, durationMs, user, correlationId);
        }
    }

    [LoggerMessage(EventId = 801, Level = LogLevel.Information,
        Message = "{Method} {Path} {StatusCode} {DurationMs:0.0} ms user={User} correlation={CorrelationId}")]
    private partial void LogRequest(string method, string path, int statusCode, double durationMs, string user, string correlationId);
}
