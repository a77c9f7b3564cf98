using Hotset.Core.Agent;

namespace Hotset.Agent.Faults;

/// <summary>
/// An expected failure of a verb, with its <see cref="AgentErrorCodes"/> code and a sentence for the caller: the
/// agent's faults, whatever the transport. The RPC layer's fault filter turns it into the JSON-RPC error reply;
/// nothing else catches it.
/// </summary>
public sealed class AgentFaultException(int code, string message, Exception? inner = null) : Exception(message, inner)
{
    public int Code { get; } = code;

    public static AgentFaultException NoSuchVm(string vmId) =>
        new(AgentErrorCodes.NoSuchVm, $"Virtual machine does not exist: no VM '{vmId}' on this host.");

    public static AgentFaultException InvalidParams(string detail) =>
        new(AgentErrorCodes.InvalidParams, $"Invalid params: {detail}");
}
