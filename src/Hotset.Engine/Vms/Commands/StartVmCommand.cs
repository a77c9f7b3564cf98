using Hotset.Core.Vms;
using Hotset.Engine.Commands;

namespace Hotset.Engine.Vms.Commands;

/// <summary>oVirt RunVm: start a Down VM on an Up host of its cluster with room (events 153, then 32 when Up).</summary>
public sealed class StartVmCommand(IVmStore vms, VmLocks locks, VmLauncher launcher)
{
    public static IReadOnlyList<Core.Faults.Fault> Validate(Vm vm) =>
        vm.Status == VmStatus.Down ? [] : [VmActionFaults.AlreadyRunning(vm)];

    public Task<CommandResult> RunAsync(VmAction request, CancellationToken ct) =>
        VmActionGate.RunAsync(vms, locks, request, "run", Validate,
            vm => launcher.LaunchAsync(vm, request.Caller, logStarted: true, ct), ct);
}
