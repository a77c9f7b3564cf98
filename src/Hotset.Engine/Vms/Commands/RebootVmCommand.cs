using Hotset.Core.Faults;
using Hotset.Core.Vms;
using Hotset.Engine.Audit;
using Hotset.Engine.Commands;
using Hotset.Engine.Hosts;

namespace Hotset.Engine.Vms.Commands;

/// <summary>
/// oVirt RebootVm as a cold reboot: destroy, apply the pending next-run configuration, start again (event 157). The
/// VM comes back Up with the new topology and a max vCPUs computed for it.
/// </summary>
public sealed class RebootVmCommand(IVmStore vms, IHostStore hosts, IAuditLog audit, VmLocks locks,
    StopVmCommand stop, VmLauncher launcher)
{
    public static IReadOnlyList<Fault> Validate(Vm vm) => vm.Status switch
    {
        VmStatus.Up => [],
        VmStatus.Down => [VmActionFaults.NotRunning("reboot", vm)],
        _ => [VmActionFaults.NotUp("reboot", vm)],
    };

    public Task<CommandResult> RunAsync(VmAction request, CancellationToken ct) =>
        VmActionGate.RunAsync(vms, locks, request, "reboot", Validate, vm => ActAsync(vm, request, ct), ct);

    private async Task<CommandResult> ActAsync(Vm vm, VmAction request, CancellationToken ct)
    {
        var host = vm.RunOnHostId is { } hostId ? await hosts.GetAsync(hostId, ct) : null;
        await vms.ChangeAsync(vm.Id, v => v with { Status = VmStatus.RebootInProgress }, ct);
        await audit.AddAsync(VmEvents.Rebooting(vm, request.Caller), CancellationToken.None);
        if (await stop.DestroyAsync(vm, host, "reboot") is { } fault)
        {
            await vms.ChangeAsync(vm.Id, v => v with { Status = vm.Status }, CancellationToken.None);
            return CommandResult.Fail(fault);
        }

        var down = await vms.ChangeKeepingNameAsync(vm.Id, v => v.AsDown(), audit, CancellationToken.None)
            ?? throw new InvalidOperationException($"VM {vm.Id} disappeared while rebooting.");
        return await launcher.LaunchAsync(down, request.Caller, logStarted: false, CancellationToken.None);
    }
}
