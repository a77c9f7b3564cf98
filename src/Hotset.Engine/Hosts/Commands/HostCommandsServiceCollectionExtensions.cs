using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Hotset.Engine.Hosts.Commands;

public static class HostCommandsServiceCollectionExtensions
{
    /// <summary>Registers the host commands the endpoints call; the stores and the audit log come from persistence.</summary>
    public static IServiceCollection AddHostCommands(this IServiceCollection services)
    {
        services.TryAddScoped<AddHostCommand>();
        return services;
    }
}
