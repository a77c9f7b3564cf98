using System.Text.Json;

namespace Hotset.Agent.Verbs;

/// <summary>One JSON-RPC method of the agent (a VDSM verb). Registered explicitly in <c>AddAgentVerbs</c>.</summary>
internal interface IVerb
{
    /// <summary>The JSON-RPC method name, one of <see cref="Hotset.Core.Agent.AgentMethods"/>.</summary>
    string Method { get; }

    /// <summary>The agent fault code a <see cref="Hypervisor.HypervisorException"/> of this verb becomes (<see cref="VerbInvoker"/>).</summary>
    int HypervisorFaultCode { get; }

    /// <summary>
    /// Runs the verb. The result is serialized as the reply's <c>result</c>. Expected failures throw
    /// <see cref="Faults.AgentFaultException"/> or <see cref="Hypervisor.HypervisorException"/>. Callers go through
    /// <see cref="VerbInvoker"/>.
    /// </summary>
    Task<object> InvokeAsync(JsonElement? parameters, CancellationToken ct);
}
