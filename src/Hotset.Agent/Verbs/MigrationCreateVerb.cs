using System.Text.Json;
using Hotset.Agent.Faults;
using Hotset.Agent.Hypervisor;
using Hotset.Agent.Vms;
using Hotset.Core.Agent;

namespace Hotset.Agent.Verbs;

/// <summary>
/// <c>VM.migrationCreate {vmID, vmParams, vcpuSlots}</c> (destination): records the VM, starts QEMU with the same
/// maximum and one vCPU device per slot plugged on the source, listening for the one migration it expects, and
/// answers <see cref="MigrationCreateResult"/> with the address to give the source's <c>VM.migrate</c>. Only a caller
/// holding this host's secret can open that door. The VM is <c>Migration Destination</c> until the migration ends.
/// </summary>
internal sealed class MigrationCreateVerb(
    IHypervisor hypervisor, VmRegistry registry, VmStateStore store, VmAdmission admission, VcpuPinning pinning, MigrationFollower follower) : IVerb
{
    public string Method => AgentMethods.MigrationCreate;

    public int HypervisorFaultCode => AgentErrorCodes.CannotCreateVm;

    public async Task<object> InvokeAsync(JsonElement? parameters, CancellationToken ct)
    {
        var call = VerbParams.Read<MigrationCreateCall>(parameters);
        var slots = Slots(call);
        var definition = VmDefinitionCheck.Validate(new CreateVmCall(call.VmId, call.VmParams with { NumberOfCpus = slots.Count }));
        if (hypervisor is not IIncomingMigration incoming)
        {
            throw new AgentFaultException(AgentErrorCodes.MigrationFailed, "Fatal error during migration: this host's hypervisor cannot receive live migrations.");
        }

        var vm = admission.Register(definition);

        using (await vm.EnterAsync(ct))
        {
            IDomain? domain = null;
            var created = false;
            try
            {
                var runDirectory = store.Prepare(definition.VmId);
                await store.SaveAsync(new VmRecord(definition, null), ct);
                (domain, var uri) = await incoming.StartIncomingAsync(definition, slots, runDirectory, ct);
                await pinning.ApplyAsync(definition, domain.Vcpus, ct);
                var job = new MigrationJob(definition.VmId, MigrationJob.DestinationRole, uri);
                vm.Migration = job;
                registry.Attach(vm, domain);
                follower.FollowDestination(vm, domain, ((IMigratableDomain)domain).Migration, job);
                created = true;
                return new MigrationCreateResult(definition.VmId, vm.Snapshot().StatusWord, uri);
            }
            finally
            {
                if (!created)
                {
                    await admission.AbandonAsync(vm, domain);
                }
            }
        }
    }

    private static IReadOnlyList<int> Slots(MigrationCreateCall call)
    {
        var slots = call.VcpuSlots ?? [.. Enumerable.Range(0, Math.Max(call.VmParams.NumberOfCpus, 1))];
        var max = call.VmParams.MaxVCpus;
        if (slots.Count == 0 || !slots.Contains(0) || slots.Distinct().Count() != slots.Count || slots.Any(s => s < 0 || s >= max))
        {
            throw AgentFaultException.InvalidParams(
                $"vcpuSlots [{string.Join(",", slots)}] must be distinct vCPU slots from 0 to maxVCpus-1 ({max - 1}) and hold 0, the boot vCPU.");
        }

        return [.. slots.Order()];
    }
}
