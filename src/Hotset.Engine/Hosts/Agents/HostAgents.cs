using Hotset.Core.Agent;
using Microsoft.Extensions.Options;

namespace Hotset.Engine.Hosts.Agents;

/// <summary>Gives an <see cref="HttpAgentClient"/> for a host, over the shared <c>agents</c> HTTP client.</summary>
public sealed class HostAgents(IHttpClientFactory httpClients, IOptions<AgentClientOptions> options, TimeProvider time)
    : IHostAgents
{
    /// <summary>Name of the <see cref="HttpClient"/> registration agent calls use.</summary>
    public const string HttpClientName = "agents";

    public IAgentClient For(Host host) =>
        new HttpAgentClient(httpClients.CreateClient(HttpClientName), host.Address, host.Secret, options.Value, time);
}
