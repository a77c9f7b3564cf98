using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Hotset.Engine.Clusters;

public static class ClusterCommandsServiceCollectionExtensions
{
    /// <summary>Registers the cluster commands the endpoints call; the store comes from persistence.</summary>
    public static IServiceCollection AddClusterCommands(this IServiceCollection services)
    {
        services.TryAddScoped<UpdateClusterCommand>();
        return services;
    }
}
