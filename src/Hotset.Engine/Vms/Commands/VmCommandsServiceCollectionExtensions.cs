using Hotset.Engine.Hosts.Agents;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Hotset.Engine.Vms.Commands;

public static class VmCommandsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the VM commands the endpoints call, the per-VM locks and the host agent client. The stores,
    /// the audit log and <c>IEngineConfigProvider</c> come from persistence. Commands are scoped, so they work over
    /// scoped or singleton stores; the locks are one per process.
    /// </summary>
    public static IServiceCollection AddVmCommands(this IServiceCollection services)
    {
        services.AddHostAgents();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<VmLocks>();
        services.TryAddScoped<VmLauncher>();
        services.TryAddScoped<HotSetNumberOfCpusCommand>();
        services.TryAddScoped<UpdateVmCommand>();
        services.TryAddScoped<StartVmCommand>();
        services.TryAddScoped<StopVmCommand>();
        services.TryAddScoped<ShutdownVmCommand>();
        services.TryAddScoped<RebootVmCommand>();
        services.TryAddScoped<AddVmCommand>();
        services.TryAddScoped<RemoveVmCommand>();
        services.AddOptions<Migration.MigrationOptions>().BindConfiguration(Migration.MigrationOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<Migration.MigrationTracker>();
        services.TryAddSingleton<Migration.MigrationFollower>();
        services.TryAddScoped<Migration.MigrateVmCommand>();
        services.TryAddScoped<Migration.CancelMigrationCommand>();
        services.TryAddScoped<Preview.CpuOptionsQuery>();
        services.TryAddScoped<Preview.VcpuTableQuery>();
        return services;
    }
}
