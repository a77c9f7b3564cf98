namespace Hotset.Core.Agent;

/// <summary>What the engine and the host agent agree on about their HTTP connection, besides the verbs.</summary>
public static class AgentWire
{
    /// <summary>The port an agent listens on unless told otherwise: VDSM's, so firewalls set up for oVirt fit.</summary>
    public const int DefaultPort = 54321;

    /// <summary>
    /// Request header carrying the id that ties a REST request to the agent calls it made (oVirt's correlation id);
    /// the engine sends it, the agent logs its calls under it.
    /// </summary>
    public const string CorrelationHeader = "Correlation-Id";
}
