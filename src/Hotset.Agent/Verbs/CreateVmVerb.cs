using System.Text.Json;
using Hotset.Agent.Faults;
using Hotset.Agent.Hooks;
using Hotset.Agent.Hypervisor;
using Hotset.Agent.Vms;
using Hotset.Core.Agent;

namespace Hotset.Agent.Verbs;

/// <summary>
/// <c>VM.create {vmID, vmParams}</c>: records the VM in the state directory, runs <c>before_vm_start</c> hooks and
/// starts QEMU; answers once QMP is up and the starting vCPUs are plugged, with the VM's <see cref="VmStats"/>
/// (status <c>Up</c>; guest counts are -1 until the guest agent answers — poll <c>VM.getStats</c>).
/// </summary>
internal sealed class CreateVmVerb(
    IHypervisor hypervisor, VmRegistry registry, VmStateStore store, VmAdmission admission, IHookRunner hooks, VcpuPinning pinning) : IVerb
{
    public string Method => AgentMethods.Create;

    public int HypervisorFaultCode => AgentErrorCodes.CannotCreateVm;

    public async Task<object> InvokeAsync(JsonElement? parameters, CancellationToken ct)
    {
        var call = VerbParams.Read<CreateVmCall>(parameters);
        var definition = VmDefinitionCheck.Validate(call);
        var vm = admission.Register(definition);

        using (await vm.EnterAsync(ct))
        {
            IDomain? domain = null;
            var created = false;
            try
            {
                var before = await hooks.RunAsync(HookPoint.BeforeVmStart, definition, new Dictionary<string, string>(), ct);
                if (before.Failure is { } failure)
                {
                    throw new AgentFaultException(AgentErrorCodes.HookError, $"Hook Error: {failure}");
                }

                var runDirectory = store.Prepare(definition.VmId);
                await store.SaveAsync(new VmRecord(definition, null), ct);
                domain = await hypervisor.StartAsync(definition, runDirectory, ct);
                await pinning.ApplyAsync(definition, domain.Vcpus, ct);
                var vcpus = await domain.Vcpus.GetVcpuCountAsync(ct);
                registry.Attach(vm, domain);
                created = true;
                return new VmStats { VmId = definition.VmId, Status = vm.Snapshot().StatusWord, VcpuCount = vcpus };
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
}
