using Hotset.Core.Vms;
using Hotset.Engine.Api.Statistics;
using Hotset.Engine.Auth.Permissions;
using Hotset.Engine.Hosts;
using Hotset.Engine.Vms;
using Host = Hotset.Engine.Hosts.Host;

namespace Hotset.Engine.Api.Hosts;

/// <summary>
/// <c>GET /hosts/{id}/statistics</c> in oVirt's statistic shape, with what Hotset knows of a host: its CPU cores and
/// threads (as its agent reported them; 0 before it answered once), and the VMs and vCPUs running on it now.
/// Hotset does not measure a host's memory or CPU load, so oVirt's <c>memory.*</c> and <c>cpu.current.*</c> are not listed.
/// </summary>
public static class HostStatisticsEndpoints
{
    public static IEndpointRouteBuilder MapHostStatistics(this IEndpointRouteBuilder api)
    {
        api.MapGet("/hosts/{id}/statistics", async (string id, IHostStore hosts, IVmStore vms, CancellationToken ct) =>
            {
                if (!Guid.TryParse(id, out var hostId) || await hosts.GetAsync(hostId, ct) is not { } host)
                {
                    return FaultResults.NotFound("host", id);
                }

                var running = (await vms.ListByHostAsync(host.Id, ct)).Where(v => v.Status != VmStatus.Down).ToList();
                return new NodeResult(StatisticRepresentation.ToList(For(host, running), "host", "hosts", host.Id));
            })
            .WithTags("hosts").WithSummary("Host statistics: CPU cores and threads, VMs and vCPUs running.")
            .RequireOnSystem(ActionGroup.ReadSystem);
        return api;
    }

    public static IReadOnlyList<Statistic> For(Host host, IReadOnlyList<Vm> running) =>
    [
        Statistic.Gauge("cpu.cores", "CPU cores of the host", "none", host.Capabilities?.CpuCores ?? 0),
        Statistic.Gauge("cpu.threads", "CPU threads of the host", "none", host.Capabilities?.CpuThreads ?? 0),
        Statistic.Gauge("vms.running", "VMs running on the host", "none", running.Count),
        Statistic.Gauge("cpu.vcpus.running", "vCPUs of the VMs running on the host", "none",
            running.Sum(v => (long)v.Configuration.Topology.VCpus)),
    ];
}
