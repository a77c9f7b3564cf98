using Hotset.Engine.Api;
using Hotset.Hosting;
using Microsoft.Extensions.Options;

namespace Hotset.Engine.Operability;

/// <summary>
/// The engine's health checks (database reachable, hosts' state), its metrics and its access log; the shared
/// endpoints and formats are in <see cref="OperabilityEndpoints"/> (docs/operations.md).
/// </summary>
public static class OperabilityServices
{
    public const string AccessLogCategory = "Hotset.Engine.AccessLog";

    public static WebApplicationBuilder AddOperability(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<EngineMetrics>();
        builder.Services.AddSingleton<InventoryGauges>();
        builder.AddHotsetOperability()
            .AddCheck<DatabaseHealthCheck>("database", tags: [OperabilityEndpoints.ReadyTag], timeout: TimeSpan.FromSeconds(10))
            .AddCheck<HostsHealthCheck>("hosts", tags: [OperabilityEndpoints.ReadyTag], timeout: TimeSpan.FromSeconds(10));
        return builder;
    }

    /// <summary>Call first: the access log times and records every request, the web UI's files included.</summary>
    public static WebApplication UseAccessLog(this WebApplication app)
    {
        app.UseAccessLog(new AccessLogOptions(AccessLogCategory, c => c.Items[ApiCaller.CorrelationItem] as string));
        return app;
    }

    public static WebApplication MapOperability(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value.Enabled)
        {
            app.Services.GetRequiredService<InventoryGauges>().Attach();
        }

        return app.MapHotsetOperability(app.Services.GetRequiredService<EngineMetrics>().Registry);
    }
}
