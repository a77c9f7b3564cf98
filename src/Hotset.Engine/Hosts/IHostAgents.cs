using Hotset.Core.Agent;

namespace Hotset.Engine.Hosts;

/// <summary>Gives the agent client of a host; the seam tests replace with fakes.</summary>
public interface IHostAgents
{
    IAgentClient For(Host host);
}
