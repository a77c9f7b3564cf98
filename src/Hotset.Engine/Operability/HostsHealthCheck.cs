using System.Data.Common;
using Hotset.Engine.Api.Hosts;
using Hotset.Engine.Hosts;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Host = Hotset.Engine.Hosts.Host;

namespace Hotset.Engine.Operability;

/// <summary>
/// Lists every host with its status (<c>data</c>: name → status). A host that is neither Up nor in maintenance makes
/// this check Degraded, which still answers 200: the engine can serve its API, and one hypervisor being down is no
/// reason for a load balancer to stop sending requests to the engine (docs/operations.md). No host at all is healthy.
/// </summary>
internal sealed class HostsHealthCheck(IHostStore hosts) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
    {
        IReadOnlyList<Host> all;
        try
        {
            all = await hosts.ListAsync(cancellationToken);
        }
        catch (Exception e) when (e is DbException or InvalidOperationException)
        {
            // The database check reports the database; this one only says it cannot tell.
            return HealthCheckResult.Degraded("The hosts' state is unknown: the database does not answer.", e);
        }

        var data = all.OrderBy(h => h.Name, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(h => h.Name, h => (object)HostRepresentation.Status(h.Status), StringComparer.Ordinal);
        var up = all.Count(h => h.Status == HostStatus.Up);
        var notUp = all.Where(h => h.Status is not (HostStatus.Up or HostStatus.Maintenance)).Select(h => h.Name).ToList();
        var summary = $"{up} of {all.Count} hosts up.";
        return notUp.Count == 0
            ? HealthCheckResult.Healthy(summary, data)
            : HealthCheckResult.Degraded($"{summary} Not up: {string.Join(", ", notUp)}.", data: data);
    }
}
