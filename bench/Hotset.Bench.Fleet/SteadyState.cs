using System.Diagnostics;
using System.Globalization;

namespace Hotset.Bench.Fleet;

/// <summary>
/// The fleet left running: first a quiet window (only the engine's monitoring works) for the engine's CPU share,
/// RSS and each host's monitoring cycle (the time between two polls of the host, seen by the host); then a window
/// of <c>GET /vms</c> (every VM, JSON) and <c>GET /events</c> one after another, timed, with monitoring still running.
/// </summary>
internal sealed class SteadyState(SimulatedFleet fleet, EngineProcess engine, FleetOptions options,
    FleetReport report, string database)
{
    public async Task RunAsync(int vmCount, CancellationToken ct)
    {
        // Let the burst's last writes and reconciliations pass.
        await Task.Delay(options.Interval * 2, ct);
        var from = Stopwatch.GetTimestamp();
        var before = engine.Sample();
        await Task.Delay(options.Steady, ct);
        var after = engine.Sample();
        var share = after.CoreShareSince(before);
        report.Add(database, $"steady state, {vmCount} running VMs: engine CPU ({options.Steady.TotalSeconds:0} s window, monitoring only)",
            Percent(share) + " of one core", FleetReport.Goal(share <= 0.20, "≤ 20 %"));
        var rssMiB = after.RssBytes / 1024.0 / 1024.0;
        report.Add(database, "engine RSS", rssMiB.ToString("0", CultureInfo.InvariantCulture) + " MiB",
            FleetReport.Goal(after.RssBytes <= 1L << 30, "≤ 1 GiB"));

        var gaps = new Latencies();
        var polls = 0;
        foreach (var host in fleet.Hosts)
        {
            var calls = host.CallsSince(from);
            polls += calls.Count;
            for (var i = 1; i < calls.Count; i++)
            {
                gaps.Add(Stopwatch.GetElapsedTime(calls[i - 1], calls[i]));
            }
        }

        report.Add(database, $"monitoring cycle per host (time between two polls, interval {options.Interval.TotalSeconds:0.#} s)",
            gaps.Summary(), FleetReport.Goal(gaps.Percentile(99) <= options.Interval.TotalMilliseconds * 1.5, "p99 ≤ 1.5 × interval"));
        report.Add(database, "polls per host in the window", (polls / (double)fleet.Hosts.Count).ToString("0.#", CultureInfo.InvariantCulture));

        // Timed as the engine answers: request sent → whole body read, not parsed (the client's parsing of 10,000 VMs
        // is the harness's cost, not the engine's).
        using var raw = new HttpClient { BaseAddress = new Uri(engine.Url + "/ovirt-engine/api/") };
        raw.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("admin@internal:" + EngineProcess.AdminPassword)));
        raw.DefaultRequestHeaders.Accept.ParseAdd("application/json");
        var list = new Latencies();
        var events = new Latencies();
        var listCpuBefore = engine.Sample();
        var window = Stopwatch.StartNew();
        var bytes = 0;
        while (window.Elapsed < options.Steady)
        {
            var clock = Stopwatch.StartNew();
            var body = await raw.GetByteArrayAsync("vms", ct);
            list.Add(clock.Elapsed);
            bytes = body.Length;
            clock.Restart();
            _ = await raw.GetByteArrayAsync("events?max=100", ct);
            events.Add(clock.Elapsed);
        }

        var listShare = engine.Sample().CoreShareSince(listCpuBefore);
        report.Add(database, $"GET /vms ({vmCount} VMs, JSON, {bytes / 1024} KiB, body read unparsed) under monitoring, back to back", list.Summary(),
            FleetReport.Goal(list.Percentile(50) <= 300, "≤ 300 ms (median)"));
        report.Add(database, "GET /events?max=100 under monitoring, back to back", events.Summary());
        report.Add(database, "engine CPU while listing back to back", Percent(listShare) + " of one core");
    }

    private static string Percent(double share) => (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";
}
