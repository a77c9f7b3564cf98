namespace Hotset.Engine.Hosts.Agents;

/// <summary>
/// The correlation id (oVirt's <c>Correlation-Id</c>) of the operation in progress on this async flow; agent calls
/// forward it as a header so one id finds the operation in the engine's and the agent's logs.
/// </summary>
public static class AgentCorrelation
{
    private static readonly AsyncLocal<string?> CurrentId = new();

    public static string? Current => CurrentId.Value;

    /// <summary>Makes <paramref name="correlationId"/> current until the returned scope is disposed.</summary>
    public static IDisposable Begin(string? correlationId)
    {
        var previous = CurrentId.Value;
        CurrentId.Value = correlationId ?? previous;
        return new Scope(previous);
    }

    private sealed class Scope(string? previous) : IDisposable
    {
        public void Dispose() => CurrentId.Value = previous;
    }
}
