using System.Text.Json;
using Hotset.Agent.Faults;
using Hotset.Agent.Hypervisor;
using Hotset.Agent.Vms;
using Hotset.Core.Agent;

namespace Hotset.Agent.Verbs;

/// <summary>
/// <c>VM.migrateCancel {vmID}</c> on the source: QMP <c>migrate_cancel</c>. Answers once QEMU took the cancel; the
/// end (VM running here, unchanged) shows in <c>VM.migrateStatus</c> as <c>cancelled</c> — or <c>completed</c> when
/// the migration finished first.
/// </summary>
internal sealed class MigrateCancelVerb(VmRegistry registry) : IVerb
{
    public string Method => AgentMethods.MigrateCancel;

    public int HypervisorFaultCode => AgentErrorCodes.MigrationFailed;

    public async Task<object> InvokeAsync(JsonElement? parameters, CancellationToken ct)
    {
        var call = VerbParams.Read<VmIdCall>(parameters);
        var vm = registry.Get(call.VmId);
        if (vm.Migration is not { Finished: false, Role: MigrationJob.SourceRole } job
            || vm.Snapshot().Domain is not IMigratableDomain { Migration: var migration })
        {
            throw new AgentFaultException(
                AgentErrorCodes.MigrationNotInProgress,
                $"Migration not in progress: VM '{vm.Definition.VmName}' is not migrating away from this host (a destination's migration is cancelled on its source).");
        }

        job.CancelRequested = true;
        await migration.CancelAsync(ct);
        return job.Status;
    }
}
