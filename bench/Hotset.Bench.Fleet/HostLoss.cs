using System.Diagnostics;
using Hotset.Client;

namespace Hotset.Bench.Fleet;

/// <summary>
/// One simulated host lost (its agent stopped: the port refuses connections) and back (started again on the same
/// state, its VMs still running): how long until the engine marks the host NonResponsive and its VMs Unknown, and
/// after the return until the host is up and every VM of it up again with stored = hypervisor = guest counts.
/// </summary>
internal sealed class HostLoss(HotsetClient client, SimulatedFleet fleet, IReadOnlyDictionary<string, string> hostIds,
    FleetReport report, string database)
{
    public async Task RunAsync(CancellationToken ct)
    {
        var host = fleet.Hosts[0];
        var hostId = hostIds[host.Name];
        var before = (await client.Vms.ListAsync(ct: ct)).Where(v => v.HostId == hostId).ToDictionary(v => v.Id);
        var expected = before.Values.ToDictionary(v => v.Id, v => v.Topology.Sockets * v.Topology.Cores * v.Topology.Threads);

        var clock = Stopwatch.StartNew();
        await host.StopAsync();
        var hostMarked = TimeSpan.Zero;
        try
        {
            await Until.TrueAsync(async () =>
            {
                if (hostMarked == TimeSpan.Zero && (await client.Hosts.GetAsync(hostId, ct)).Status == "non_responsive")
                {
                    hostMarked = clock.Elapsed;
                }

                var vms = (await client.Vms.ListAsync(ct: ct)).Where(v => expected.ContainsKey(v.Id)).ToList();
                return hostMarked > TimeSpan.Zero && vms.All(v => v.Status == "unknown");
            }, TimeSpan.FromSeconds(60), "the lost host's VMs to be Unknown", ct, TimeSpan.FromMilliseconds(200));
            report.Add(database, $"host lost (agent stopped, {expected.Count} VMs) → host NonResponsive",
                FleetReport.Ms(hostMarked.TotalMilliseconds));
            report.Add(database, "host lost → all its VMs Unknown", FleetReport.Ms(clock.Elapsed.TotalMilliseconds));
        }
        catch (TimeoutException e)
        {
            report.Fail($"{database}: {e.Message}");
        }

        clock.Restart();
        await host.StartAsync(ct);
        try
        {
            await Until.TrueAsync(async () =>
            {
                var vms = (await client.Vms.ListAsync(ct: ct)).Where(v => expected.ContainsKey(v.Id)).ToList();
                return vms.Count == expected.Count && vms.All(v => CountCheck.Agrees(v, expected[v.Id]));
            }, TimeSpan.FromSeconds(60), "the host's VMs to be up again with agreeing counts", ct, TimeSpan.FromMilliseconds(200));
            report.Add(database, "host back (agent started on the same state) → all its VMs up, counts agree",
                FleetReport.Ms(clock.Elapsed.TotalMilliseconds));
        }
        catch (TimeoutException e)
        {
            report.Fail($"{database}: {e.Message}");
        }
    }
}
