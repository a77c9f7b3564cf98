using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Prometheus;

namespace Hotset.Agent.Operability;

/// <summary>
/// What an administrator watches the agent with (docs/operations.md): <c>/health/live</c>, <c>/health/ready</c> and
/// Prometheus <c>/metrics</c>, which need no host secret (only <c>POST /jsonrpc</c> does), one access-log line per
/// request, and the log format (<c>Logging:Format</c>).
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
        builder.Services.AddSingleton<AgentMetrics>();
        builder.Services.AddHealthChecks()
            .AddCheck<HypervisorHealthCheck>("hypervisor", tags: [ReadyTag], timeout: TimeSpan.FromSeconds(10))
            .AddCheck<StateDirectoryHealthCheck>("state_directory", tags: [ReadyTag], timeout: TimeSpan.FromSeconds(10));
        return builder;
    }

    /// <summary>Call first: the access log times and records every request.</summary>
    public static WebApplication UseAccessLog(this WebApplication app)
    {
        app.UseMiddleware<AccessLogMiddleware>();
        return app;
    }

    public static WebApplication MapOperability(this WebApplication app)
    {
        app.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthResponse.WriteAsync });
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = HealthResponse.WriteAsync });
        if (app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value.Enabled)
        {
            app.MapMetrics(MetricsOptions.Path, app.Services.GetRequiredService<AgentMetrics>().Registry);
        }

        return app;
    }
}
