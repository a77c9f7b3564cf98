using Hotset.Core.Vms;
using Hotset.Engine.Commands;
using Hotset.Engine.Hosts.Agents;

namespace Hotset.Engine.Vms.Commands;

/// <summary>oVirt RunVm: start a Down VM on an Up host of its cluster with room (events 153, then 32 when Up).</summary>
public sealed class StartVmCommand(IVmStore vms, VmLocks locks, VmLauncher launcher)
{
    public static IReadOnlyList<Core.Faults.Fault> Validate(Vm vm) =>
        vm.Status == VmStatus.Down ? [] : [VmActionFaults.AlreadyRunning(vm)];

    public async Task<CommandResult> RunAsync(VmAction request, CancellationToken ct)
    {
        using var lease = locks.TryAcquire(request.VmId);
        if (lease is null)
        {
            return CommandResult.Fail(VmActionFaults.Busy("run"));
        }

        using var correlation = AgentCorrelation.Begin(request.Caller.CorrelationId);
        var vm = await vms.GetAsync(request.VmId, ct);
        if (vm is null)
        {
            return CommandResult.Fail(VmFaults.VmNotFound(request.VmId));
        }

        var faults = Validate(vm);
        return faults.Count > 0
            ? CommandResult.Fail(faults)
            : await launcher.LaunchAsync(vm, request.Caller, logStarted: true, ct);
    }
}
