namespace Hotset.Engine.Monitoring;

/// <summary>
/// The agent on this machine that <c>make run</c> starts (bound from <c>Engine:LocalHost</c>). When
/// <see cref="Address"/> is set, the engine registers it at start as host <see cref="Name"/> in cluster
/// <see cref="Cluster"/>, or updates its address and secret when the host exists.
/// </summary>
public sealed class LocalHostOptions
{
    public const string Section = "Engine:LocalHost";

    /// <summary>Base URL of the agent, e.g. <c>http://127.0.0.1:54321</c>; null or empty registers nothing.</summary>
    public string? Address { get; set; }

    /// <summary>File holding the agent's secret (the agent writes it at its first start).</summary>
    public string? SecretFile { get; set; }

    public string Name { get; set; } = "local";

    public string Cluster { get; set; } = "Default";
}
