using Hotset.Core.Agent;
using Hotset.Core.Vms;
using Hotset.Engine.Audit;
using Hotset.Engine.Vms;
using Hotset.Engine.Vms.Commands;
using Host = Hotset.Engine.Hosts.Host;

namespace Hotset.Engine.Monitoring;

/// <summary>
/// What one report of a host means for one VM the engine believes runs there: its new status and counts, and the
/// events to log. Pure; <see cref="HostPoller"/> writes the result.
/// </summary>
public static class VmStatsTransition
{
    /// <summary>The exit message of a VM that is missing from its host's report.</summary>
    public static string GoneMessage(Host host) => $"The VM is no longer running on host {host.Name}.";

    /// <summary>
    /// The VM after its host reported <paramref name="stats"/> (null: the host does not list it), and the events
    /// the change calls for. <see cref="Result.WentDown"/> tells the poller to release the VM on the host.
    /// </summary>
    public static Result Apply(Vm vm, VmStats? stats, Host host)
    {
        var reported = stats is null ? VmStatus.Down : AgentVmStatus.Parse(stats.Status);
        if (reported == VmStatus.Down)
        {
            var exit = stats is null ? GoneMessage(host) : stats.ExitMessage;
            var down = stats?.ExitCode == VmExitCodes.Error
                ? MonitoringEvents.VmDownWithError(vm, exit, host)
                : VmEvents.Down(vm, exit, host.Id);
            return new Result(vm.AsDown(), [down], WentDown: true);
        }

        var status = vm.Status == VmStatus.PoweringDown && reported == VmStatus.Up ? VmStatus.PoweringDown : reported;
        var changed = vm with
        {
            Status = status,
            VcpuCount = stats!.VcpuCount,
            GuestCpuCount = stats.GuestCpuCount,
        };
        var cameUp = status == VmStatus.Up && vm.Status is VmStatus.PoweringUp or VmStatus.WaitForLaunch;
        return new Result(changed, cameUp ? [VmEvents.Up(changed, host)] : [], WentDown: false);
    }

    /// <summary>
    /// The VM with its sockets set so that its total matches the host's <paramref name="hostCpus"/>, or null when
    /// that is not a whole number of sockets.
    /// </summary>
    public static Vm? Reconciled(Vm vm, int hostCpus)
    {
        var topology = vm.Configuration.Topology;
        if (hostCpus < 1 || hostCpus % topology.CpusPerSocket != 0)
        {
            return null;
        }

        return HotSetNumberOfCpusCommand.WithSockets(vm, topology, topology.WithSockets(hostCpus / topology.CpusPerSocket));
    }

    public sealed record Result(Vm Vm, IReadOnlyList<AuditEvent> Events, bool WentDown);
}
