using System.Diagnostics;
using System.Net;
using Hotset.Client;

namespace Hotset.Bench.Fleet;

/// <summary>
/// <c>--concurrency</c> <c>PUT /vms/{id}</c> hot sets at once (sockets 1 → 2), each on a different VM, spread over the
/// hosts: latency from send to the whole answer, errors (anything but 200 with <c>applied</c>), then how long after
/// the last answer every stored count equals the hypervisor's and the guest's as the engine reports them; finally
/// every VM of the fleet checked against its host directly.
/// </summary>
internal sealed class HotSetBurst(HotsetClient client, SimulatedFleet fleet, EngineProcess engine, IReadOnlyDictionary<string, string> hostIds,
    FleetOptions options, FleetReport report, string database)
{
    public async Task RunAsync(IReadOnlyList<FleetVm> vms, CancellationToken ct)
    {
        var stride = vms.Count / options.Concurrency;
        var targets = Enumerable.Range(0, options.Concurrency).Select(i => vms[i * stride]).ToList();
        var latencies = new Latencies();
        var errors = new List<string>();
        var serverErrors = 0;
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        long lastAnswer = 0;
        var calls = targets.Select(async vm =>
        {
            await gate.Task;
            var clock = Stopwatch.StartNew();
            try
            {
                var result = await client.Vms.UpdateAsync(vm.Id, new VmUpdate { Sockets = 2 }, ct: ct);
                latencies.Add(clock.Elapsed);
                if (result.HotSet?.Result != HotSetOutcome.Applied)
                {
                    lock (errors)
                    {
                        errors.Add($"{vm.Name}: {result.HotSet?.Result ?? "no outcome"} {result.HotSet?.Message}");
                    }
                }
            }
            catch (Exception e) when (e is HotsetApiException or HttpRequestException or TaskCanceledException)
            {
                latencies.Add(clock.Elapsed);
                lock (errors)
                {
                    errors.Add($"{vm.Name}: {e.Message}");
                    if (e is HotsetApiException { Status: >= HttpStatusCode.InternalServerError } || e is not HotsetApiException)
                    {
                        serverErrors++;
                    }
                }
            }

            Interlocked.Exchange(ref lastAnswer, Stopwatch.GetTimestamp());
        }).ToList();
        var cpu = engine.Sample();
        var started = Stopwatch.GetTimestamp();
        gate.SetResult();
        await Task.WhenAll(calls);
        var wall = Stopwatch.GetElapsedTime(started);
        var used = engine.Sample();

        var p99 = latencies.Percentile(99);
        report.Add(database, $"{options.Concurrency} concurrent PUT hot sets (sockets 1→2), latency", latencies.Summary(),
            FleetReport.Goal(p99 <= 1000, "p99 ≤ 1 s"));
        report.Add(database, "hot sets: errors (not 200 applied) / 5xx or transport", $"{errors.Count} / {serverErrors} (all answered in {wall.TotalSeconds:0.00} s)",
            FleetReport.Goal(errors.Count == 0, "no error"));
        report.Add(database, "engine CPU time during the burst (per hot set)", string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{(used.Cpu - cpu.Cpu).TotalSeconds:0.00} s ({(used.Cpu - cpu.Cpu).TotalMilliseconds / options.Concurrency:0.0} ms), {used.CoreShareSince(cpu):0.00} cores"));
        var agentSide = new Latencies();
        foreach (var took in fleet.Hosts.SelectMany(h => h.DurationsSince(started)))
        {
            agentSide.Add(took);
        }

        report.Add(database, "agent calls during the burst, time inside the simulated agents", agentSide.Summary());
        foreach (var error in errors.Take(5))
        {
            report.Note($"{database}: hot set error: {error}");
        }

        if (errors.Count > 0)
        {
            report.Fail($"{database}: {errors.Count} hot sets failed, {serverErrors} of them with a 5xx or no answer");
        }

        var wanted = targets.Select(t => t.Id).ToHashSet();
        IReadOnlyList<Vm> listed = [];
        try
        {
            await Until.TrueAsync(async () =>
            {
                listed = await client.Vms.ListAsync(ct: ct);
                return listed.Where(v => wanted.Contains(v.Id)).Count(v => CountCheck.Agrees(v, 2)) == wanted.Count - errors.Count;
            }, TimeSpan.FromSeconds(60), "the counts to agree", ct);
            var settled = Stopwatch.GetElapsedTime(Interlocked.Read(ref lastAnswer));
            report.Add(database, "last answer → every stored count = hypervisor = guest (GET /vms)",
                FleetReport.Ms(settled.TotalMilliseconds), FleetReport.Goal(settled <= TimeSpan.FromSeconds(5), "≤ 5 s"));
        }
        catch (TimeoutException)
        {
            var wrong = listed.Where(v => wanted.Contains(v.Id) && !CountCheck.Agrees(v, 2)).Take(5)
                .Select(v => $"{v.Name} {v.Status} stored {v.Topology.Sockets} hyp {v.VcpuCount} guest {v.GuestCpuCount}");
            report.Fail($"{database}: counts did not agree within 60 s: {string.Join("; ", wrong)}");
        }

        var differ = await CountCheck.AgainstHostsAsync(listed, fleet, hostIds, ct);
        report.Add(database, "VMs whose stored count differs from their host's (direct Host.getAllVmStats)",
            $"{differ.Count} of {listed.Count}", FleetReport.Goal(differ.Count == 0, "0"));
        if (differ.Count > 0)
        {
            report.Fail($"{database}: {differ.Count} VMs differ from their host: {string.Join("; ", differ.Take(5))}");
        }
    }
}
