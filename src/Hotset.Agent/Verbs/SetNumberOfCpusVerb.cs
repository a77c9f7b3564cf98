using System.Globalization;
using System.Text.Json;
using Hotset.Agent.Faults;
using Hotset.Agent.Hooks;
using Hotset.Agent.Hypervisor;
using Hotset.Agent.Vms;
using Hotset.Core.Agent;

namespace Hotset.Agent.Verbs;

/// <summary>
/// <c>VM.setNumberOfCpus {vmID, numberOfCpus}</c> (SPEC §8): check → before hooks → <see cref="IVcpuControl"/> → pinning →
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
        var call = VerbParams.Read<SetNumberOfCpusCall>(parameters);
        var vm = registry.Get(call.VmId);
        using (await vm.EnterAsync(ct))
        {
            var vcpus = vm.RequireUp().Vcpus;
            vm.RefuseWhileMigrating("set its number of CPUs");
            var definition = vm.Definition;
            if (call.NumberOfCpus < 1 || call.NumberOfCpus > definition.MaxVCpus)
            {
                throw new AgentFaultException(
                    AgentErrorCodes.SetNumberOfCpusFailed,
                    $"Failed to set the number of cpus: VM '{definition.VmName}' can have 1 to {definition.MaxVCpus} vCPUs (its maximum since it started); {call.NumberOfCpus} were requested.");
            }

            int current;
            try
            {
                current = hooks.HasScripts(HookPoint.BeforeSetNumOfCpus)
                    ? await SetAfterBeforeHooksAsync(vcpus, definition, call.NumberOfCpus, ct)
                    : await vcpus.SetVcpusAsync(call.NumberOfCpus, ct);
            }
            catch (HypervisorException)
            {
                // Not a translation (VerbInvoker does that): the VM keeps the count QEMU really has, and a partly
                // plugged VM gets its pins.
                await KeepLiveCountAsync(vm, vcpus, ct);
                throw;
            }

            var updated = definition with { NumberOfCpus = call.NumberOfCpus };
            vm.Definition = updated;
            await PinAsync(updated, vcpus, ct);
            LogChanged(vm.VmId, current, call.NumberOfCpus);

            var after = await hooks.RunAsync(HookPoint.AfterSetNumOfCpus, updated, CountsEnvironment(current, call.NumberOfCpus), ct);
            if (after.Failure is { } afterFailure)
            {
                LogAfterHookFailed(vm.VmId, afterFailure.ToString());
            }
        }

        return AgentJson.Empty;
    }

    /// <summary>The before hooks see the live count and may veto (1500); then the change, from the count QEMU has then.</summary>
    private async Task<int> SetAfterBeforeHooksAsync(IVcpuControl vcpus, VmDefinition definition, int target, CancellationToken ct)
    {
        var current = await vcpus.GetVcpuCountAsync(ct);
        var before = await hooks.RunAsync(HookPoint.BeforeSetNumOfCpus, definition, CountsEnvironment(current, target), ct);
        if (before.Failure is { } failure)
        {
            throw new AgentFaultException(AgentErrorCodes.HookError, $"Hook Error: {failure}");
        }

        await vcpus.SetVcpusAsync(target, ct);
        return current;
    }

    private static Dictionary<string, string> CountsEnvironment(int current, int target) => new()
    {
        ["currentNumberOfCpus"] = current.ToString(CultureInfo.InvariantCulture),
        ["newNumberOfCpus"] = target.ToString(CultureInfo.InvariantCulture),
    };

    // The change itself worked: say so, so that the caller does not believe the VM kept its old count.
    private async Task PinAsync(VmDefinition definition, IVcpuControl vcpus, CancellationToken ct)
    {
        try
        {
            await pinning.ApplyAsync(definition, vcpus, ct);
        }
        catch (HypervisorException e)
        {
            throw new HypervisorException(
                $"Failed to set the number of cpus: VM '{definition.VmName}' has {definition.NumberOfCpus} vCPUs now, but pinning them again failed: {e.Message}", e);
        }
    }

    private async Task KeepLiveCountAsync(RunningVm vm, IVcpuControl vcpus, CancellationToken ct)
    {
        try
        {
            var live = await vcpus.GetVcpuCountAsync(ct);
            vm.Definition = vm.Definition with { NumberOfCpus = live };
            await pinning.ApplyAsync(vm.Definition, vcpus, ct);
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
