using System.Globalization;
using System.Text.Json;
using Hotset.Agent.Hooks;
using Hotset.Agent.Hypervisor;
using Hotset.Agent.Rpc;
using Hotset.Agent.Vms;
using Hotset.Core.Agent;

namespace Hotset.Agent.Verbs;

/// <summary>
/// <c>VM.setNumberOfCpus {vmID, numberOfCpus}</c> (SPEC §8): guard → check → before hooks → hypervisor → pinning →
/// after hooks → <c>{}</c>. Calls for one VM run one at a time: a second call waits until the first has finished,
/// then runs against the count the first left.
/// </summary>
internal sealed partial class SetNumberOfCpusVerb(
    VmRegistry registry, IHookRunner hooks, VcpuPinning pinning, ILogger<SetNumberOfCpusVerb> logger)
    : IVerb
{
    public string Method => AgentMethods.SetNumberOfCpus;

    public int HypervisorFaultCode => AgentErrorCodes.SetNumberOfCpusFailed;

    public async Task<object> InvokeAsync(JsonElement? parameters, CancellationToken ct)
    {
        var call = RpcParams.Read<SetNumberOfCpusCall>(parameters);
        var vm = registry.Get(call.VmId);
        RefuseWhileMigrating(vm);
        using (await vm.EnterAsync(ct))
        {
            RefuseWhileMigrating(vm);
            var domain = vm.RequireUp();
            var definition = vm.Definition;
            if (call.NumberOfCpus < 1 || call.NumberOfCpus > definition.MaxVCpus)
            {
                throw new AgentFaultException(
                    AgentErrorCodes.SetNumberOfCpusFailed,
                    $"Failed to set the number of cpus: VM '{definition.VmName}' can have 1 to {definition.MaxVCpus} vCPUs (its maximum since it started); {call.NumberOfCpus} were requested.");
            }

            var current = await domain.GetVcpuCountAsync(ct);
            var environment = new Dictionary<string, string>
            {
                ["currentNumberOfCpus"] = current.ToString(CultureInfo.InvariantCulture),
                ["newNumberOfCpus"] = call.NumberOfCpus.ToString(CultureInfo.InvariantCulture),
            };
            var before = await hooks.RunAsync(HookPoint.BeforeSetNumOfCpus, definition, environment, ct);
            if (before.Failure is { } failure)
            {
                throw new AgentFaultException(AgentErrorCodes.HookError, $"Hook Error: {failure}");
            }

            try
            {
                // Without before hooks nothing ran since the live count was read: the hypervisor need not ask again.
                await (before.Ran.Count == 0
                    ? domain.SetVcpusAsync(call.NumberOfCpus, current, ct)
                    : domain.SetVcpusAsync(call.NumberOfCpus, ct));
            }
            catch (HypervisorException)
            {
                // Not a translation (the fault filter does that): the record keeps the count QEMU really has, and a
                // partly plugged VM gets its pins.
                await RecordLiveCountAsync(vm, domain, ct);
                throw;
            }

            var updated = definition with { NumberOfCpus = call.NumberOfCpus };
            vm.Definition = updated;
            await registry.SaveAsync(vm, ct);
            await PinAsync(updated, domain, ct);
            LogChanged(vm.VmId, current, call.NumberOfCpus);

            var after = await hooks.RunAsync(HookPoint.AfterSetNumOfCpus, updated, environment, ct);
            if (after.Failure is { } afterFailure)
            {
                LogAfterHookFailed(vm.VmId, afterFailure.ToString());
            }
        }

        return RpcJson.Empty;
    }

    private static void RefuseWhileMigrating(RunningVm vm)
    {
        if (vm.Migrating)
        {
            throw new AgentFaultException(
                AgentErrorCodes.MigrationInProgress,
                $"Command not supported during migration: VM '{vm.Definition.VmName}' is migrating; set its CPUs when the migration has ended.");
        }
    }

    // The change itself worked: say so, so that the caller does not believe the VM kept its old count.
    private async Task PinAsync(VmDefinition definition, IDomain domain, CancellationToken ct)
    {
        try
        {
            await pinning.ApplyAsync(definition, domain, ct);
        }
        catch (HypervisorException e)
        {
            throw new AgentFaultException(
                AgentErrorCodes.SetNumberOfCpusFailed,
                $"Failed to set the number of cpus: VM '{definition.VmName}' has {definition.NumberOfCpus} vCPUs now, but pinning them again failed: {e.Message}");
        }
    }

    private async Task RecordLiveCountAsync(RunningVm vm, IDomain domain, CancellationToken ct)
    {
        try
        {
            var live = await domain.GetVcpuCountAsync(ct);
            vm.Definition = vm.Definition with { NumberOfCpus = live };
            await registry.SaveAsync(vm, ct);
            await pinning.ApplyAsync(vm.Definition, domain, ct);
        }
        catch (HypervisorException e)
        {
            LogLiveCountUnknown(vm.VmId, e.Message);
        }
    }

    [LoggerMessage(EventId = 502, Level = LogLevel.Information, Message = "VM {VmId} changed from {Previous} to {Current} vCPUs")]
    private partial void LogChanged(string vmId, int previous, int current);

    [LoggerMessage(EventId = 503, Level = LogLevel.Warning, Message = "The CPUs of VM {VmId} were set, but an after_set_num_of_cpus hook failed: {Failure}")]
    private partial void LogAfterHookFailed(string vmId, string failure);

    [LoggerMessage(EventId = 504, Level = LogLevel.Warning, Message = "After a failed hot set of VM {VmId}, its live vCPU count could not be recorded or its vCPUs pinned again: {Reason}")]
    private partial void LogLiveCountUnknown(string vmId, string reason);
}
