using Hotset.Core.Faults;
using Hotset.Core.Vms;
using Hotset.Engine.Audit;
using Hotset.Engine.Commands;

namespace Hotset.Engine.Vms.Commands;

/// <summary>oVirt RemoveVm: a Down VM leaves the engine (event 113). Takes the VM's lock like the other commands.</summary>
public sealed class RemoveVmCommand(IVmStore vms, IAuditLog audit, VmLocks locks)
{
    public static IReadOnlyList<Fault> Validate(Vm vm) =>
        vm.Status == VmStatus.Down ? [] : [VmActionFaults.RemoveRunning()];

    public Task<CommandResult> RunAsync(VmAction request, CancellationToken ct) =>
        VmActionGate.RunAsync(vms, locks, request, "remove", Validate, async vm =>
        {
            await vms.RemoveAsync(vm.Id, ct);
            await audit.AddAsync(VmEvents.Removed(vm, request.Caller), ct);
            return CommandResult.Ok;
        }, ct);
}
