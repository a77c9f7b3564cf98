using System.Diagnostics;
using Hotset.Engine.Api;

namespace Hotset.Engine.Operability;

/// <summary>
/// One line per request in the category <c>Hotset.Engine.AccessLog</c>: method, path as the client sent it (never the
/// query string, which may carry credentials), status, duration, the authenticated user (<c>-</c> when none) and the
/// correlation id. No header, body or attempted user name is logged, so no password or token is.
/// </summary>
internal sealed partial class AccessLogMiddleware(RequestDelegate next, ILoggerFactory loggers)
{
    public const string Category = "Hotset.Engine.AccessLog";
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
        var status = StatusCodes.Status500InternalServerError;
        try
        {
            await next(context);
            status = context.Response.StatusCode;
        }
        finally
        {
            // An exception that escaped every handler is answered 500 by the server, unless the answer had begun.
            status = context.Response.HasStarted ? context.Response.StatusCode : status;
            var user = context.User.Identity is { IsAuthenticated: true, Name: { } name } ? LogText.Clean(name, 100) : "-";
            var correlationId = context.Items[ApiCaller.CorrelationItem] as string ?? "-";
            var durationMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            LogRequest(method, path, status, durationMs, user, correlationId);
        }
    }

    [LoggerMessage(EventId = 8001, Level = LogLevel.Information,
        Message = "{Method} {Path} {StatusCode} {DurationMs:0.0} ms user={User} correlation={CorrelationId}")]
    private partial void LogRequest(string method, string path, int statusCode, double durationMs, string user, string correlationId);
}
