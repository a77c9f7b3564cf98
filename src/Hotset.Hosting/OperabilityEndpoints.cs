using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Prometheus;

namespace Hotset.Hosting;

/// <summary>
/// What an administrator watches a Hotset program with (docs/operations.md): <c>/health/live</c>,
/// <c>/health/ready</c> (the checks tagged <see cref="ReadyTag"/>) and Prometheus <c>/metrics</c>, all anonymous
/// because they reveal no secret, and the log format (<c>Logging:Format</c>).
/// </summary>
public static class OperabilityEndpoints
{
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";
    public const string ReadyTag = "ready";

    /// <summary>The log format and the metrics switch; returns the health checks for the program to add its own to.</summary>
    public static IHealthChecksBuilder AddHotsetOperability(this WebApplicationBuilder builder)
    {
        builder.Logging.UseHotsetLogFormat(builder.Configuration);
        builder.Services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.Section);
        return builder.Services.AddHealthChecks();
    }

    /// <summary>Maps the health endpoints, and <c>/metrics</c> over <paramref name="registry"/> unless metrics are off.</summary>
    public static WebApplication MapHotsetOperability(this WebApplication app, CollectorRegistry registry)
    {
        app.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthResponse.WriteAsync })
            .AllowAnonymous();
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = HealthResponse.WriteAsync })
            .AllowAnonymous();
        if (app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value.Enabled)
        {
            app.MapMetrics(MetricsOptions.Path, registry).AllowAnonymous();
        }

        return app;
    }
}
