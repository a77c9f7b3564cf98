using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Hotset.Engine.Hosts.Agents;

public static class AgentsServiceCollectionExtensions
{
    /// <summary>Registers <see cref="IHostAgents"/> over HTTP with its options (section <c>Engine:Agents</c>).</summary>
    public static IServiceCollection AddHostAgents(this IServiceCollection services)
    {
        services.AddOptions<AgentClientOptions>()
            .BindConfiguration(AgentClientOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        // Deadlines are per call (AgentClientOptions); monitoring calls every host each interval, so the per-request
        // HttpClient log lines would drown the engine's log: failures are reported by the callers instead.
        services.AddHttpClient(HostAgents.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IHostAgents, HostAgents>();
        return services;
    }
}
