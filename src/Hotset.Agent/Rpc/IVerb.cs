using System.Text.Json;

namespace Hotset.Agent.Rpc;

/// <summary>One JSON-RPC method of the agent (a VDSM verb). Registered explicitly in <c>AddAgentVerbs</c>.</summary>
internal interface IVerb
{
    /// <summary>The JSON-RPC method name, one of <see cref="Hotset.Core.Agent.AgentMethods"/>.</summary>
    string Method { get; }

    /// <summary>The code a <see cref="Hypervisor.HypervisorException"/> thrown by this verb is answered with.</summary>
    int HypervisorFaultCode { get; }

    /// <summary>
    /// Runs the verb. The result is serialized as the reply's <c>result</c>. Expected failures throw
    /// <see cref="AgentFaultException"/> or <see cref="Hypervisor.HypervisorException"/>.
    /// </summary>
    Task<object> InvokeAsync(JsonElement? parameters, CancellationToken ct);
}
