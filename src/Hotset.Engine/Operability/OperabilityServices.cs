using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Prometheus;

namespace Hotset.Engine.Operability;

/// <summary>
/// What an administrator watches the engine with (docs/operations.md): <c>/health/live</c> and <c>/health/ready</c>,
/// Prometheus <c>/metrics</c>, one access-log line per request, and the log format (<c>Logging:Format</c>).
/// </summary>
public static class OperabilityServices
{
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";
    private const string ReadyTag = "ready";

    public static WebApplicationBuilder AddOperability(this WebApplicationBuilder builder)
    {
        builder.Logging.UseHotsetLogFormat(builder.Configuration);
        builder.Services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.Section);
        builder.Services.AddSingleton<EngineMetrics>();
        builder.Services.AddSingleton<InventoryGauges>();
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag], timeout: TimeSpan.FromSeconds(10))
            .AddCheck<HostsHealthCheck>("hosts", tags: [ReadyTag], timeout: TimeSpan.FromSeconds(10));
        return builder;
    }

    /// <summary>Call first: the access log times and records every request, the web UI's files included.</summary>
    public static WebApplication UseAccessLog(this WebApplication app)
    {
        app.UseMiddleware<AccessLogMiddleware>();
        return app;
    }

    /// <summary>The health endpoints and <c>/metrics</c>, all anonymous (they reveal no secret; docs/operations.md).</summary>
    public static WebApplication MapOperability(this WebApplication app)
    {
        app.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthResponse.WriteAsync })
            .AllowAnonymous();
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = HealthResponse.WriteAsync })
            .AllowAnonymous();
        if (app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value.Enabled)
        {
            app.Services.GetRequiredService<InventoryGauges>().Attach();
            app.MapMetrics(MetricsOptions.Path, app.Services.GetRequiredService<EngineMetrics>().Registry).AllowAnonymous();
        }

        return app;
    }
}
