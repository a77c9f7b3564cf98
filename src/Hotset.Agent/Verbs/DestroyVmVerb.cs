using System.Text.Json;
using Hotset.Agent.Hooks;
using Hotset.Agent.Vms;
using Hotset.Core.Agent;

namespace Hotset.Agent.Verbs;

/// <summary>
/// <c>VM.destroy {vmID}</c>: stops QEMU now (when it still runs), forgets the VM and its state directory, then runs
/// <c>after_vm_destroy</c> hooks (failures logged only). Also clears a VM that is Down.
/// </summary>
internal sealed partial class DestroyVmVerb(
    VmRegistry registry, VmStateStore store, IHookRunner hooks, ILogger<DestroyVmVerb> logger) : IVerb
{
    public string Method => AgentMethods.Destroy;

    public int HypervisorFaultCode => AgentErrorCodes.DestroyFailed;

    public async Task<object> InvokeAsync(JsonElement? parameters, CancellationToken ct)
    {
        var call = VerbParams.Read<VmIdCall>(parameters);
        var vm = registry.Get(call.VmId);
        using (await vm.EnterAsync(ct))
        {
            if (vm.BeginDestroy() is { } domain)
            {
                var stopped = false;
                try
                {
                    await domain.Lifetime.DestroyAsync(ct);
                    stopped = true;
                }
                finally
                {
                    if (!stopped)
                    {
                        vm.AbortDestroy();
                    }
                }

                await domain.DisposeAsync();
            }

            registry.Remove(vm);
            store.Delete(vm.VmId);
        }

        var after = await hooks.RunAsync(HookPoint.AfterVmDestroy, vm.Definition, new Dictionary<string, string>(), ct);
        if (after.Failure is { } failure)
        {
            LogAfterHookFailed(vm.VmId, failure.ToString());
        }

        return AgentJson.Empty;
    }

    [LoggerMessage(EventId = 500, Level = LogLevel.Warning, Message = "VM {VmId} was destroyed, but an after_vm_destroy hook failed: {Failure}")]
    private partial void LogAfterHookFailed(string vmId, string failure);
}
