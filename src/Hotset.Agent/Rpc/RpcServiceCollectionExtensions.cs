using Hotset.Agent.Auth;
using Hotset.Agent.Verbs;
using Hotset.Agent.Vms;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Hotset.Agent.Rpc;

internal static class RpcServiceCollectionExtensions
{
    /// <summary>
    /// JSON-RPC over HTTP with its verbs, the host secret and the VM state: <see cref="AgentOptions"/> (section
    /// <c>Agent</c>) bound and validated at start.
    /// </summary>
    public static IServiceCollection AddAgentRpc(this IServiceCollection services)
    {
        services.AddOptions<AgentOptions>()
            .BindConfiguration(AgentOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => AgentSecret.Load(
            sp.GetRequiredService<IOptions<AgentOptions>>().Value, sp.GetRequiredService<ILogger<AgentSecret>>()));
        services.AddSingleton<BearerSecretFilter>();
        services.AddSingleton<AgentFaultFilter>();
        services.AddSingleton<RpcDispatcher>();
        services.AddAgentVerbs();
        services.AddVmState();
        return services;
    }

    /// <summary>Listens on <c>Agent:Urls</c>, else <c>ASPNETCORE_URLS</c>, else <see cref="AgentOptions.DefaultUrls"/>.</summary>
    public static WebApplicationBuilder UseAgentUrls(this WebApplicationBuilder builder)
    {
        var urls = builder.Configuration[$"{AgentOptions.Section}:{nameof(AgentOptions.Urls)}"];
        if (!string.IsNullOrWhiteSpace(urls))
        {
            builder.WebHost.UseUrls(urls);
        }
        else if (string.IsNullOrWhiteSpace(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(AgentOptions.DefaultUrls);
        }

        return builder;
    }
}
