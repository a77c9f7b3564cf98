using Hotset.Core.Agent;
using Hotset.Core.Vms;
using Hotset.Engine.Api.Statistics;
using Hotset.Engine.Hosts;
using Hotset.Engine.Vms;

namespace Hotset.Engine.Api.Vms;

/// <summary>
/// The statistics of a VM under oVirt's names and units (<c>memory.installed</c>, <c>memory.used</c>,
/// <c>cpu.current.guest</c>, <c>cpu.current.hypervisor</c>, <c>cpu.current.total</c>), plus Hotset's
/// <c>cpu.count.guest</c> (CPUs the guest has online, -1 unknown) and <c>cpu.count.hypervisor</c> (vCPUs QEMU runs,
/// -1 unknown), and <c>cpu.current.guest.N</c> for each guest CPU N the guest agent reports (its busy share since the
/// host's previous sample). The CPU usage is asked of the VM's host when it is asked for; values Hotset does not
/// measure are 0, as oVirt answers them without a guest agent.
/// </summary>
public sealed class VmStatistics(IHostStore hosts, IHostAgents agents, TimeProvider time)
{
    /// <summary>How long the host may take to report the CPU usage before it counts as unknown (0).</summary>
    private static readonly TimeSpan HostTimeout = TimeSpan.FromSeconds(5);

    public async Task<IReadOnlyList<Statistic>> ForAsync(Vm vm, CancellationToken ct)
    {
        var (guestCpu, perCpu) = await GuestCpuUsageAsync(vm, ct);
        IReadOnlyList<Statistic> all =
        [
            Statistic.Gauge("memory.installed", "Total memory configured", "bytes", (long)vm.Configuration.MemoryMiB * 1024 * 1024),
            Statistic.Gauge("memory.used", "Memory used (agent)", "bytes", 0),
            Statistic.Percent("cpu.current.guest", "CPU used by guest", guestCpu),
            Statistic.Percent("cpu.current.hypervisor", "CPU overhead", 0),
            Statistic.Percent("cpu.current.total", "Total CPU used", guestCpu),
            Statistic.Gauge("cpu.count.guest", "CPUs the guest OS has online (guest agent; -1 unknown)", "none", vm.GuestCpuCount),
            Statistic.Gauge("cpu.count.hypervisor", "vCPUs the hypervisor runs (-1 unknown)", "none", vm.VcpuCount),
        ];
        return [.. all, .. perCpu.Select(u => Statistic.Percent($"cpu.current.guest.{u.Cpu}", $"CPU {u.Cpu} used by guest", u.Percent))];
    }

    /// <summary>The guest's CPU usage, in all and per guest CPU (since the host's previous sample); 0 and none when unknown.</summary>
    private async Task<(double Total, IReadOnlyList<GuestCpuUsage> PerCpu)> GuestCpuUsageAsync(Vm vm, CancellationToken ct)
    {
        if (vm.Status == VmStatus.Down || vm.RunOnHostId is not { } hostId || await hosts.GetAsync(hostId, ct) is not { } host)
        {
            return (0, []);
        }

        using var deadline = new CancellationTokenSource(HostTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
        try
        {
            var stats = await agents.For(host).GetStatsAsync(vm.Id.ToString(), linked.Token);
            return (Math.Max(0, stats.CpuUsagePercent), stats.GuestCpuUsage);
        }
        catch (AgentException)
        {
            return (0, []);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            return (0, []);
        }
    }
}
