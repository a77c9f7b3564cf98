namespace Hotset.Core.Agent;

/// <summary>
/// A host agent answered with an error, or could not be reached (<see cref="Code"/> is then
/// <see cref="AgentErrorCodes.GeneralError"/> and the message says why). Thrown by <see cref="IAgentClient"/> only.
/// </summary>
public sealed class AgentException : Exception
{
    public AgentException(int code, string message, Exception? inner = null)
        : base(message, inner) => Code = code;

    public int Code { get; }
}
