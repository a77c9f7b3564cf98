namespace Hotset.Agent.Vms;

internal static class VmServiceCollectionExtensions
{
    /// <summary>
    /// The VMs of this host: registry, state directory, re-attach at start and let go at stop, shutdown watchdog, pinning (through the
    /// <see cref="Hypervisor.IThreadAffinity"/> the hypervisor registers).
    /// </summary>
    public static IServiceCollection AddVmState(this IServiceCollection services)
    {
        services.AddSingleton<VmStateStore>();
        services.AddSingleton<VmRegistry>();
        services.AddSingleton<ShutdownWatchdog>();
        services.AddSingleton<VcpuPinning>();
        services.AddSingleton<MigrationFollower>();
        services.AddHostedService<VmLifetimeService>();
        return services;
    }
}
