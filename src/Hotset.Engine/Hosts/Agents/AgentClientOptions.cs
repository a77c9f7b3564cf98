using System.ComponentModel.DataAnnotations;

namespace Hotset.Engine.Hosts.Agents;

/// <summary>How the engine calls host agents (bound from <c>Engine:Agents</c>).</summary>
public sealed class AgentClientOptions
{
    public const string Section = "Engine:Agents";

    /// <summary>Deadline of one agent call that does not change a VM (capabilities, stats).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Deadline of the calls that change a VM (<c>VM.create</c>, <c>VM.destroy</c>, <c>VM.shutdown</c>,
    /// <c>VM.setNumberOfCpus</c>). It must exceed the agent's own unplug and hook timeouts, so that the agent, which
    /// knows what really happened, answers first.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:30:00")]
    public TimeSpan ChangeTimeout { get; set; } = TimeSpan.FromSeconds(90);
}
