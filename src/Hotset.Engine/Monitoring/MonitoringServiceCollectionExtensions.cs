using Hotset.Engine.Hosts.Agents;
using Hotset.Engine.Vms.Commands;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Hotset.Engine.Monitoring;

public static class MonitoringServiceCollectionExtensions
{
    /// <summary>
    /// Registers host monitoring (<c>Engine:Monitoring</c>) and the registration of the local agent
    /// (<c>Engine:LocalHost</c>) as hosted services.
    /// </summary>
    public static IServiceCollection AddHostMonitoring(this IServiceCollection services)
    {
        services.AddOptions<HostMonitoringOptions>()
            .BindConfiguration(HostMonitoringOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<LocalHostOptions>().BindConfiguration(LocalHostOptions.Section);
        services.AddHostAgents();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<VmLocks>();
        services.TryAddSingleton<VcpuSamples>();
        services.TryAddScoped<HostPoller>();
        services.TryAddSingleton<HostMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<HostMonitor>());
        services.AddHostedService<LocalHostRegistration>();
        return services;
    }
}
