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
        services.AddHttpClient(HostAgents.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IHostAgents, HostAgents>();
        return services;
    }
}
