using Hotset.Engine.Audit;
using Hotset.Engine.Clusters;
using Hotset.Engine.Hosts;
using Hotset.Engine.Persistence.Audit;
using Hotset.Engine.Persistence.Auth;
using Hotset.Engine.Persistence.Clusters;
using Hotset.Engine.Persistence.Config;
using Hotset.Engine.Persistence.Hosts;
using Hotset.Engine.Persistence.Secrets;
using Hotset.Engine.Persistence.Templates;
using Hotset.Engine.Persistence.Vms;
using Hotset.Engine.Vms;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Hotset.Engine.Persistence;

public static class PersistenceServices
{
    /// <summary>
    /// The database (SQLite under <c>Engine:DataDirectory</c>, or <c>ConnectionStrings:Engine</c>), its migrations and
    /// seed at start, and every store.
    /// </summary>
    public static IServiceCollection AddPersistence(this IServiceCollection services)
    {
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => Database.From(
            sp.GetRequiredService<IConfiguration>().GetConnectionString("Engine"),
            sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.DataDirectory));
        services.AddSecretProtection();
        services.AddHostedService<DatabaseInitializer>();
        services.AddSingleton<IVmStore, SqlVmStore>();
        services.AddSingleton<IHostStore, SqlHostStore>();
        services.AddSingleton<IClusterStore, SqlClusterStore>();
        services.AddSingleton<ITemplateStore, SqlTemplateStore>();
        services.AddSingleton<IAuditLog, SqlAuditLog>();
        services.AddSingleton<IConfigOverrideStore, SqlConfigOverrideStore>();
        services.AddSingleton<IEngineConfigProvider, EngineConfigProvider>();
        services.AddSingleton<AuthReadCache>();
        services.AddSingleton<IUserStore, SqlUserStore>();
        services.AddSingleton<ITokenStore, SqlTokenStore>();
        services.AddSingleton<IPermissionStore, SqlPermissionStore>();
        return services;
    }
}
