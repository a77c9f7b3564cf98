using Hotset.Core.Agent;
using Hotset.Core.Faults;
using Hotset.Core.Vms;
using Hotset.Engine.Audit;
using Hotset.Engine.Commands;
using Hotset.Engine.Hosts;

namespace Hotset.Engine.Vms.Commands;

/// <summary>
/// oVirt ShutdownVm: asks the guest to shut down (<c>VM.shutdown</c>) and marks the VM PoweringDown (event 73).
/// Monitoring sees it Down, logs event 61 and applies the next-run configuration.
/// </summary>
public sealed class ShutdownVmCommand(IVmStore vms, IHostStore hosts, IHostAgents agents, IAuditLog audit, VmLocks locks)
{
    /// <summary>Seconds the agent waits for the guest before it powers the VM off.</summary>
    public const int GracePeriodSeconds = 30;

    public static IReadOnlyList<Fault> Validate(Vm vm) => vm.Status switch
    {
        VmStatus.Down => [VmActionFaults.NotRunning("shutdown", vm)],
        VmStatus.Up or VmStatus.PoweringUp or VmStatus.Paused or VmStatus.PoweringDown => [],
        _ => [VmActionFaults.NotUp("shutdown", vm)],
    };

    public Task<CommandResult> RunAsync(VmAction request, CancellationToken ct) =>
        VmActionGate.RunAsync(vms, locks, request, "shutdown", Validate, vm => ActAsync(vm, request, ct), ct);

    private async Task<CommandResult> ActAsync(Vm vm, VmAction request, CancellationToken ct)
    {
        var host = vm.RunOnHostId is { } hostId ? await hosts.GetAsync(hostId, ct)
            : throw new InvalidOperationException($"VM {vm.Id} is {vm.Status} but has no host.");
        if (host is null)
        {
            throw new InvalidOperationException($"VM {vm.Id} runs on host {vm.RunOnHostId}, which does not exist.");
        }

        try
        {
            await agents.For(host).ShutdownAsync(vm.Id.ToString(), GracePeriodSeconds, CancellationToken.None);
        }
        catch (AgentException e)
        {
            return CommandResult.Fail(VmActionFaults.HostFailed("shutdown", vm, host, e.Message));
        }

        await vms.ChangeAsync(vm.Id, v => v.Status == VmStatus.Down ? null : v with { Status = VmStatus.PoweringDown },
            CancellationToken.None);
        await audit.AddAsync(VmEvents.ShutdownInitiated(vm, request.Caller, host.Name, request.Reason),
            CancellationToken.None);
        return CommandResult.Ok;
    }
}
