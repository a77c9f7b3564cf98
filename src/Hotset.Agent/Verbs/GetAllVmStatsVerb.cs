using System.Text.Json;
using Hotset.Agent.Vms;
using Hotset.Core.Agent;

namespace Hotset.Agent.Verbs;

/// <summary><c>Host.getAllVmStats</c>: a list of <see cref="VmStats"/>, Down VMs included, ordered by VM id.</summary>
internal sealed class GetAllVmStatsVerb(VmRegistry registry, VmStatsReader reader) : IVerb
{
    public string Method => AgentMethods.GetAllVmStats;

    public int HypervisorFaultCode => AgentErrorCodes.GeneralError;

    public async Task<object> InvokeAsync(JsonElement? parameters, CancellationToken ct) =>
        await Task.WhenAll(registry.All.Select(vm => reader.ReadAsync(vm, ct)));
}
