using System.Text.Json;
using Hotset.Agent.Faults;
using Hotset.Agent.Hypervisor;

namespace Hotset.Agent.Verbs;

/// <summary>
/// Runs a verb, and is the one place where hypervisor errors become agent faults (as VDSM's VM layer turns libvirt
/// errors into its own): a <see cref="HypervisorException"/> is answered with the verb's
/// <see cref="IVerb.HypervisorFaultCode"/> and the hypervisor's sentence.
/// </summary>
internal static class VerbInvoker
{
    public static async Task<object> InvokeAsync(IVerb verb, JsonElement? parameters, CancellationToken ct)
    {
        try
        {
            return await verb.InvokeAsync(parameters, ct);
        }
        catch (HypervisorException e)
        {
            throw new AgentFaultException(verb.HypervisorFaultCode, e.Message, e);
        }
    }
}
