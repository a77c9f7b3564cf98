using Hotset.Core.Agent;
using Hotset.Hosting;

namespace Hotset.Agent.Operability;

/// <summary>
/// The agent's health checks (QEMU usable, state directory writable), its metrics and its access log. Health and
/// <c>/metrics</c> need no host secret; only <c>POST /jsonrpc</c> does.
/// </summary>
public static class OperabilityServices
{
    public const string AccessLogCategory = "Hotset.Agent.AccessLog";

    public static WebApplicationBuilder AddOperability(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AgentMetrics>();
        builder.AddHotsetOperability()
            .AddCheck<HypervisorHealthCheck>("hypervisor", tags: [OperabilityEndpoints.ReadyTag], timeout: TimeSpan.FromSeconds(10))
            .AddCheck<StateDirectoryHealthCheck>("state_directory", tags: [OperabilityEndpoints.ReadyTag], timeout: TimeSpan.FromSeconds(10));
        return builder;
    }

    /// <summary>Call first: the access log times and records every request; the caller holding the secret is <c>engine</c>.</summary>
    public static WebApplication UseAccessLog(this WebApplication app)
    {
        app.UseAccessLog(new AccessLogOptions(AccessLogCategory, c => c.Request.Headers[AgentWire.CorrelationHeader].ToString()));
        return app;
    }

    public static WebApplication MapOperability(this WebApplication app) =>
        app.MapHotsetOperability(app.Services.GetRequiredService<AgentMetrics>().Registry);
}
