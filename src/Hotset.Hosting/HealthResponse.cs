using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Hotset.Hosting;

/// <summary>
/// The body of <c>/health/live</c> and <c>/health/ready</c>, e.g. the engine's
/// <c>{"status":"Healthy","checks":{"database":{"status":"Healthy","description":"…"},"hosts":{…,"data":{"local":"up"}}}}</c>.
/// Only descriptions and data the checks chose to show; never an exception's text.
/// </summary>
public static class HealthResponse
{
    public static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        json.WriteString("status", report.Status.ToString());
        json.WriteStartObject("checks");
        foreach (var (name, entry) in report.Entries)
        {
            json.WriteStartObject(name);
            json.WriteString("status", entry.Status.ToString());
            // A check that threw has its exception's text as description: that stays in the log.
            var description = entry.Exception is { } e && entry.Description == e.Message
                ? "The check failed; the reason is in the log."
                : entry.Description;
            if (description is not null)
            {
                json.WriteString("description", description);
            }

            if (entry.Data.Count > 0)
            {
                json.WriteStartObject("data");
                foreach (var (key, value) in entry.Data)
                {
                    json.WriteString(key, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
    }
}
