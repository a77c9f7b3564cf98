using System.Collections.Concurrent;
using Hotset.Core.Agent;
using Hotset.Engine.Hosts;
using Host = Hotset.Engine.Hosts.Host;

namespace Hotset.Engine.Tests.Fakes;

/// <summary>One <see cref="FakeAgentClient"/> per host id.</summary>
public sealed class FakeHostAgents : IHostAgents
{
    private readonly ConcurrentDictionary<Guid, FakeAgentClient> _agents = new();

    public FakeAgentClient this[Guid hostId] => _agents.GetOrAdd(hostId, id => new FakeAgentClient { HostId = id, Network = this });

    public IAgentClient For(Host host) => this[host.Id];

    public IReadOnlyCollection<FakeAgentClient> All => [.. _agents.Values];
}
