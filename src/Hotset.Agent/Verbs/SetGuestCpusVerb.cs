using System.Text.Json;
using Hotset.Agent.Faults;
using Hotset.Agent.Vms;
using Hotset.Core.Agent;

namespace Hotset.Agent.Verbs;

/// <summary>
/// <c>VM.setGuestCpus {vmID, cpus: [{index, online}]}</c>: onlines or offlines CPUs inside the guest through its guest
/// agent, for guests that do not online hot-plugged CPUs themselves. QEMU's vCPUs — and so their threads and pins —
/// stay as they are. A guest that refuses (CPU 0, a CPU it does not have) or does not answer: code 60 with why.
/// </summary>
internal sealed partial class SetGuestCpusVerb(VmRegistry registry, ILogger<SetGuestCpusVerb> logger) : IVerb
{
    public string Method => AgentMethods.SetGuestCpus;

    public int HypervisorFaultCode => AgentErrorCodes.SetNumberOfCpusFailed;

    public async Task<object> InvokeAsync(JsonElement? parameters, CancellationToken ct)
    {
        var call = VerbParams.Read<SetGuestCpusCall>(parameters);
        if (call.Cpus is not { Count: > 0 } cpus || cpus.Any(c => c.Index < 0))
        {
            throw AgentFaultException.InvalidParams("cpus needs at least one {index, online} with an index of 0 or more.");
        }

        var vm = registry.Get(call.VmId);
        using (await vm.EnterAsync(ct))
        {
            var domain = vm.RequireUp();
            await domain.GuestCpus.SetGuestCpusAsync(cpus, ct);
            var text = string.Join(',', cpus.Select(c => $"{c.Index}:{(c.Online ? "on" : "off")}"));
            LogSet(vm.VmId, text);
        }

        return AgentJson.Empty;
    }

    [LoggerMessage(EventId = 420, Level = LogLevel.Information, Message = "Guest CPUs of VM {VmId} set: {Cpus}")]
    private partial void LogSet(string vmId, string cpus);
}
