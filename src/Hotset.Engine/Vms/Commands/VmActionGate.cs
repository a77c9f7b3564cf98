using Hotset.Core.Faults;
using Hotset.Core.Vms;
using Hotset.Engine.Commands;
using Hotset.Engine.Hosts.Agents;

namespace Hotset.Engine.Vms.Commands;

/// <summary>
/// The opening every lifecycle action shares: the VM's lock (busy → 409), the caller's correlation id on agent
/// calls, the VM loaded (404) and its state checked by the action's pure <c>Validate</c>. The body runs only when
/// all hold, still under the lock.
/// </summary>
internal static class VmActionGate
{
    public static async Task<CommandResult> RunAsync(IVmStore vms, VmLocks locks, VmAction request, string action,
        Func<Vm, IReadOnlyList<Fault>> validate, Func<Vm, Task<CommandResult>> body, CancellationToken ct)
    {
        using var lease = locks.TryAcquire(request.VmId);
        if (lease is null)
        {
            return CommandResult.Fail(VmActionFaults.Busy(action));
        }

        using var correlation = AgentCorrelation.Begin(request.Caller.CorrelationId);
        var vm = await vms.GetAsync(request.VmId, ct);
        if (vm is null)
        {
            return CommandResult.Fail(VmFaults.VmNotFound(request.VmId));
        }

        var faults = validate(vm);
        return faults.Count > 0 ? CommandResult.Fail(faults) : await body(vm);
    }
}
