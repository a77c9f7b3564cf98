using System.Text.Json;
using Hotset.Agent.Vms;
using Hotset.Core.Agent;

namespace Hotset.Agent.Verbs;

/// <summary><c>VM.getStats {vmID}</c>: one <see cref="VmStats"/> object (VDSM wraps it in a one-item list; we do not).</summary>
internal sealed class GetStatsVerb(VmRegistry registry, VmStatsReader reader) : IVerb
{
    public string Method => AgentMethods.GetStats;

    public int HypervisorFaultCode => AgentErrorCodes.GeneralError;

    public async Task<object> InvokeAsync(JsonElement? parameters, CancellationToken ct)
    {
        var call = VerbParams.Read<VmIdCall>(parameters);
        return await reader.ReadAsync(registry.Get(call.VmId), ct);
    }
}
