using Hotset.Core.Agent;
using Hotset.Core.Faults;
using Hotset.Core.Vms;
using Hotset.Engine.Audit;
using Hotset.Engine.Commands;
using Hotset.Engine.Hosts;
using Host = Hotset.Engine.Hosts.Host;

namespace Hotset.Engine.Vms.Commands;

/// <summary>oVirt StopVm: power off now (<c>VM.destroy</c>), then Down with the next-run configuration applied (event 33).</summary>
public sealed class StopVmCommand(IVmStore vms, IHostStore hosts, IHostAgents agents, IAuditLog audit, VmLocks locks)
{
    public static IReadOnlyList<Fault> Validate(Vm vm) =>
        vm.Status == VmStatus.Down ? [VmActionFaults.NotRunning("stop", vm)] : [];

    public Task<CommandResult> RunAsync(VmAction request, CancellationToken ct) =>
        VmActionGate.RunAsync(vms, locks, request, "stop", Validate, vm => ActAsync(vm, request, ct), ct);

    private async Task<CommandResult> ActAsync(Vm vm, VmAction request, CancellationToken ct)
    {
        var host = vm.RunOnHostId is { } hostId ? await hosts.GetAsync(hostId, ct) : null;
        if (await DestroyAsync(vm, host, "stop") is { } fault)
        {
            return CommandResult.Fail(fault);
        }

        await vms.ChangeKeepingNameAsync(vm.Id, v => v.AsDown(), audit, CancellationToken.None);
        await audit.AddAsync(VmEvents.PoweredOff(vm, request.Caller, host?.Name ?? "N/A", request.Reason),
            CancellationToken.None);
        return CommandResult.Ok;
    }

    /// <summary>Destroys the VM on its host; a host that no longer runs it counts as done.</summary>
    internal async Task<Fault?> DestroyAsync(Vm vm, Host? host, string action)
    {
        if (host is null)
        {
            return null;
        }

        try
        {
            await agents.For(host).DestroyAsync(vm.Id.ToString(), CancellationToken.None);
            return null;
        }
        catch (AgentException e) when (e.Code is AgentErrorCodes.NoSuchVm or AgentErrorCodes.VmIsDown)
        {
            return null;
        }
        catch (AgentException e)
        {
            return VmActionFaults.HostFailed(action, vm, host, e.Message);
        }
    }
}
