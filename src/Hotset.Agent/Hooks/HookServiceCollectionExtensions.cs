namespace Hotset.Agent.Hooks;

internal static class HookServiceCollectionExtensions
{
    /// <summary>Hook scripts around the verbs: <see cref="HookOptions"/> (section <c>Hooks</c>) and the runner.</summary>
    public static IServiceCollection AddHooks(this IServiceCollection services)
    {
        services.AddOptions<HookOptions>()
            .BindConfiguration(HookOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IHookRunner, HookRunner>();
        return services;
    }
}
