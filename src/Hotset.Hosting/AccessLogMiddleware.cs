using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Hotset.Hosting;

/// <summary>
/// One line per request in the program's access-log category: method, path as the client sent it (never the query
/// string, which may carry credentials), status, duration, the authenticated caller (<c>-</c> when none) and the
/// correlation id. No header, body or attempted user name is logged, so no password, token or secret is.
/// </summary>
public sealed partial class AccessLogMiddleware(RequestDelegate next, ILoggerFactory loggers, AccessLogOptions options)
{
    private const int MaxPathLength = 300;
    private readonly ILogger _logger = loggers.CreateLogger(options.Category);

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
            var correlationId = options.CorrelationId(context) is { Length: > 0 } id ? LogText.Clean(id, 100) : "-";
            var durationMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            LogRequest(method, path, status, durationMs, user, correlationId);
        }
    }

    [LoggerMessage(EventId = 8001, Level = LogLevel.Information,
        Message = "{Method} {Path} {StatusCode} {DurationMs:0.0} ms user={User} correlation={CorrelationId}")]
    private partial void LogRequest(string method, string path, int statusCode, double durationMs, string user, string correlationId);
}

/// <summary>The access log's category (e.g. <c>Hotset.Engine.AccessLog</c>) and where a request's correlation id is.</summary>
public sealed record AccessLogOptions(string Category, Func<HttpContext, string?> CorrelationId);

public static class AccessLogExtensions
{
    /// <summary>Call first: the access log times and records every request.</summary>
    public static IApplicationBuilder UseAccessLog(this IApplicationBuilder app, AccessLogOptions options) =>
        app.UseMiddleware<AccessLogMiddleware>(options);
}
