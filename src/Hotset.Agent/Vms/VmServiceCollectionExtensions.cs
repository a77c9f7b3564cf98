using Hotset.Agent.Hypervisor;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Hotset.Agent.Vms;

internal static class VmServiceCollectionExtensions
{
    /// <summary>The VMs of this host: registry, state directory, re-attach at start, shutdown watchdog, pinning.</summary>
    public static IServiceCollection AddVmState(this IServiceCollection services)
    {
        services.AddSingleton<VmStateStore>();
        services.AddSingleton<VmRegistry>();
        services.AddSingleton<ShutdownWatchdog>();
        services.AddSingleton<VcpuPinning>();
        services.TryAddSingleton<IThreadAffinity, VcpuPinner>();
        services.AddHostedService<VmReattachService>();
        return services;
    }
}
