using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Hotset.Hosting;

/// <summary>
/// The console log's format: <c>Logging:Format</c> (or <c>HOTSET_LOG_FORMAT</c>) <c>text</c> (the default, one
/// readable line per entry) or <c>json</c> (one JSON object per line with the message's fields and the scopes, e.g.
/// the correlation id, for a log collector).
/// </summary>
public static class LogFormat
{
    public const string Key = "Logging:Format";
    public const string Variable = "HOTSET_LOG_FORMAT";

    public static ILoggingBuilder UseHotsetLogFormat(this ILoggingBuilder logging, IConfiguration configuration)
    {
        var format = configuration[Key] is { Length: > 0 } configured ? configured : Environment.GetEnvironmentVariable(Variable) ?? "";
        switch (format.Trim().ToLowerInvariant())
        {
            case "" or "text":
                return logging;
            case "json":
                return logging.AddJsonConsole(o =>
                {
                    o.IncludeScopes = true;
                    o.UseUtcTimestamp = true;
                    o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
                });
            default:
                throw new InvalidOperationException($"{Key} (or {Variable}) is '{format}'; use 'text' or 'json'.");
        }
    }
}
