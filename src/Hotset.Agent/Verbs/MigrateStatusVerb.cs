using System.Text.Json;
using Hotset.Agent.Vms;
using Hotset.Core.Agent;

namespace Hotset.Agent.Verbs;

/// <summary><c>VM.migrateStatus {vmID}</c>: the VM's last migration on this host, running or ended (status <c>none</c> when it never migrated here).</summary>
internal sealed class MigrateStatusVerb(VmRegistry registry) : IVerb
{
    public string Method => AgentMethods.MigrateStatus;

    public int HypervisorFaultCode => AgentErrorCodes.GeneralError;

    public Task<object> InvokeAsync(JsonElement? parameters, CancellationToken ct)
    {
        var call = VerbParams.Read<VmIdCall>(parameters);
        var vm = registry.Get(call.VmId);
        object status = vm.Migration?.Status ?? new MigrationStatus { VmId = vm.VmId, Status = MigrationStatus.None };
        return Task.FromResult(status);
    }
}
