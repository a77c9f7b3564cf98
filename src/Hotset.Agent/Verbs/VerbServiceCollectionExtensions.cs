
namespace Hotset.Agent.Verbs;

internal static class VerbServiceCollectionExtensions
{
    /// <summary>Every JSON-RPC method of the agent, one class each, registered by hand.</summary>
    public static IServiceCollection AddAgentVerbs(this IServiceCollection services)
    {
        services.AddSingleton<VmStatsReader>();
        services.AddSingleton<VmAdmission>();
        services.AddSingleton<IVerb, GetCapabilitiesVerb>();
        services.AddSingleton<IVerb, GetAllVmStatsVerb>();
        services.AddSingleton<IVerb, GetStatsVerb>();
        services.AddSingleton<IVerb, CreateVmVerb>();
        services.AddSingleton<IVerb, DestroyVmVerb>();
        services.AddSingleton<IVerb, ShutdownVmVerb>();
        services.AddSingleton<IVerb, SetNumberOfCpusVerb>();
        services.AddSingleton<IVerb, SetGuestCpusVerb>();
        services.AddSingleton<IVerb, MigrationCreateVerb>();
        services.AddSingleton<IVerb, MigrateVerb>();
        services.AddSingleton<IVerb, MigrateStatusVerb>();
        services.AddSingleton<IVerb, MigrateCancelVerb>();
        return services;
    }
}
