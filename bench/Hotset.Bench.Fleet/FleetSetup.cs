using System.Diagnostics;
using Hotset.Client;

namespace Hotset.Bench.Fleet;

/// <summary>
/// Registers every simulated host through <c>POST /hosts</c>, waits until the engine's monitoring has them Up, then
/// creates and starts the VMs through <c>POST /vms</c> and <c>POST /vms/{id}/start</c> (the engine places each) and
/// waits until all are <c>up</c>.
/// </summary>
internal sealed class FleetSetup(HotsetClient client, SimulatedFleet fleet, FleetOptions options, FleetReport report, string database)
{
    /// <summary>The engine's host id of each simulated host, by host name.</summary>
    public Dictionary<string, string> HostIds { get; } = [];

    public async Task<IReadOnlyList<FleetVm>> RunAsync(CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        await Throttled.ForEachAsync(fleet.Hosts, 8, "hosts registered", async host =>
        {
            var added = await client.Hosts.AddAsync(new HostCreate(host.Name, host.Url, host.Secret), ct);
            lock (HostIds)
            {
                HostIds[host.Name] = added.Id;
            }
        }, ct);
        await Until.TrueAsync(async () => (await client.Hosts.ListAsync(ct)).Count(h => h.Status == "up") >= fleet.Hosts.Count,
            TimeSpan.FromMinutes(2), "every host up", ct);
        report.Add(database, $"{fleet.Hosts.Count} hosts registered and up", FleetReport.Ms(clock.Elapsed.TotalMilliseconds));

        clock.Restart();
        var names = Enumerable.Range(1, options.Vms).Select(i => $"fleet{i:D5}").ToList();
        var ids = new string[names.Count];
        await Throttled.ForEachAsync(Enumerable.Range(0, names.Count).ToList(), options.SetupConcurrency, "VMs created",
            async i => ids[i] = (await client.Vms.AddAsync(new VmCreate(names[i]), ct)).Id, ct);
        report.Add(database, $"{options.Vms} VMs created (POST /vms, {options.SetupConcurrency} in flight)",
            FleetReport.Ms(clock.Elapsed.TotalMilliseconds));

        clock.Restart();
        await Throttled.ForEachAsync(ids, options.SetupConcurrency, "VMs started", id => client.Vms.StartAsync(id, ct: ct), ct);
        IReadOnlyList<Vm> listed = [];
        await Until.TrueAsync(async () =>
        {
            listed = await client.Vms.ListAsync(ct: ct);
            return listed.Count(v => v.Status == "up") >= options.Vms;
        }, TimeSpan.FromMinutes(5), "every VM up", ct);
        report.Add(database, $"{options.Vms} VMs started (POST /vms/{{id}}/start) and up", FleetReport.Ms(clock.Elapsed.TotalMilliseconds));

        var perHost = listed.GroupBy(v => v.HostId).Select(g => g.Count()).ToList();
        report.Add(database, "VMs per host (min–max)", $"{perHost.Min()}–{perHost.Max()} on {perHost.Count} hosts");
        return [.. listed.Select(v => new FleetVm(v.Id, v.Name, v.HostId ?? "")).OrderBy(v => v.Name, StringComparer.Ordinal)];
    }
}
