using Hotset.Core.Agent;

namespace Hotset.Agent.Rpc;

/// <summary>
/// An expected failure of a verb, with its <see cref="AgentErrorCodes"/> code and a sentence for the caller.
/// <see cref="AgentFaultFilter"/> turns it into the JSON-RPC error reply; nothing else catches it.
/// </summary>
public sealed class AgentFaultException(int code, string message) : Exception(message)
{
    public int Code { get; } = code;

    public static AgentFaultException NoSuchVm(string vmId) =>
        new(AgentErrorCodes.NoSuchVm, $"Virtual machine does not exist: no VM '{vmId}' on this host.");

    public static AgentFaultException InvalidParams(string detail) =>
        new(AgentErrorCodes.InvalidParams, $"Invalid params: {detail}");
}
