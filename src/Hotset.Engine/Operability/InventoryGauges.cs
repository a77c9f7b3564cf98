using System.Data.Common;
using Hotset.Core.Vms;
using Hotset.Engine.Api.Hosts;
using Hotset.Engine.Api.Vms;
using Hotset.Engine.Hosts;
using Hotset.Engine.Vms;
using Prometheus;

namespace Hotset.Engine.Operability;

/// <summary>
/// <c>hotset_vms{status}</c> and <c>hotset_hosts{status}</c>, counted from the database when Prometheus scrapes (not
/// on a timer: an engine nobody scrapes pays nothing). Every status is listed, with 0 when none has it. When the
/// database does not answer, the last counts stay and the failure is logged; <c>/health/ready</c> says so too.
/// </summary>
public sealed partial class InventoryGauges(EngineMetrics metrics, IVmStore vms, IHostStore hosts, ILogger<InventoryGauges> logger)
{
    private readonly Gauge _vms = Metrics.WithCustomRegistry(metrics.Registry).CreateGauge("hotset_vms",
        "VMs by status (oVirt's REST spelling: up, down, powering_up, …).", new GaugeConfiguration { LabelNames = ["status"] });

    private readonly Gauge _hosts = Metrics.WithCustomRegistry(metrics.Registry).CreateGauge("hotset_hosts",
        "Hosts by status (up, non_responsive, maintenance, unassigned).", new GaugeConfiguration { LabelNames = ["status"] });

    private int _attached;

    /// <summary>Counts at every scrape from now on; a second call does nothing.</summary>
    public void Attach()
    {
        if (Interlocked.Exchange(ref _attached, 1) == 0)
        {
            metrics.Registry.AddBeforeCollectCallback(RefreshAsync);
        }
    }

    private async Task RefreshAsync(CancellationToken ct)
    {
        try
        {
            var vmCounts = (await vms.ListAsync(null, null, ct)).CountBy(v => v.Status).ToDictionary();
            foreach (var status in Enum.GetValues<VmStatus>())
            {
                _vms.WithLabels(VmNames.Status(status)).Set(vmCounts.GetValueOrDefault(status));
            }

            var hostCounts = (await hosts.ListAsync(ct)).CountBy(h => h.Status).ToDictionary();
            foreach (var status in Enum.GetValues<HostStatus>())
            {
                _hosts.WithLabels(HostRepresentation.Status(status)).Set(hostCounts.GetValueOrDefault(status));
            }
        }
        catch (DbException e)
        {
            LogNotCounted(e.Message);
        }
    }

    [LoggerMessage(EventId = 8002, Level = LogLevel.Warning, Message = "VMs and hosts by status not counted for /metrics: the database does not answer: {Error}")]
    private partial void LogNotCounted(string error);
}
