using System.Diagnostics;
using Hotset.Bench.Hosts;
using Hotset.Bench.Qmp;
using Hotset.Core.Agent;

namespace Hotset.Bench;

/// <summary>
/// Part 1: one test-guest VM started through a real agent process. Each round: raw QMP <c>device_add</c> on the
/// diagnostic socket (then undone, untimed); <c>VM.setNumberOfCpus</c> +1; verb reply → guest reports the CPU online;
/// <c>VM.setNumberOfCpus</c> −1 until the unplug is confirmed.
/// </summary>
public sealed class AgentBench(BenchOptions options, Report report, MachineInfo machine)
{
    private const string Part = "agent";

    public async Task RunAsync(CancellationToken ct)
    {
        await using var lab = new Lab(options);
        try
        {
            var agent = await lab.StartAgentAsync(ct);
            var vmId = Guid.NewGuid().ToString();
            var vm = new VmDefinition { VmId = vmId, VmName = "bench-agent", MemSizeMiB = 128, NumberOfCpus = 1, MaxVCpus = 8 };
            Console.WriteLine($"agent: starting VM {vmId} (128 MiB, 1 vCPU, max 8) through VM.create…");
            await agent.CallAsync(AgentMethods.Create, new { vmID = vmId, vmParams = vm }, ct);
            var poll = new StatsPoller(agent, vmId);
            await poll.UntilAsync(s => s.VcpuCount == 1 && s.GuestCpuCount == 1, TimeSpan.FromMinutes(3), ct);
            await using var qmp = await RawQmp.ConnectAsync(DiagnosticSocket.PathIn(lab.RunDirectory(vmId)), ct);
            machine.QemuVersion = qmp.QemuVersion;
            await RoundsAsync(agent, poll, qmp, vmId, ct);
        }
        catch
        {
            lab.Failed = true;
            throw;
        }
    }

    private async Task RoundsAsync(AgentRpc agent, StatsPoller poll, RawQmp qmp, string vmId, CancellationToken ct)
    {
        var raw = new Samples("raw QMP device_add round trip");
        var rawWithQuery = new Samples("raw QMP query-hotpluggable-cpus + device_add");
        var plug = new Samples("VM.setNumberOfCpus +1 round trip");
        var online = new Samples("verb reply → guest reports the CPU online");
        var unplug = new Samples("VM.setNumberOfCpus −1 round trip (unplug confirmed)");
        var dropped = new Samples("verb −1 sent → VM.getStats vcpuCount dropped");
        var total = options.Warmup + options.Rounds;
        Console.WriteLine($"agent: {options.Warmup} warm-up + {options.Rounds} timed rounds; QEMU creates {1 + (2 * total)} of its 255 lifetime vCPUs.");
        for (var round = 0; round < total; round++)
        {
            var timed = round >= options.Warmup;
            var start = Stopwatch.GetTimestamp();
            var args = await CpuSlots.NextFreeAsync(qmp, ct);
            var added = Stopwatch.GetTimestamp();
            await qmp.ExecuteAsync("device_add", args, ct);
            var rawMs = Samples.Since(added);
            var rawWithQueryMs = Samples.Since(start);
            await poll.UntilAsync(s => s.GuestCpuCount == 2, TimeSpan.FromSeconds(30), ct);
            await CpuSlots.RemoveRawAsync(qmp, TimeSpan.FromSeconds(30), ct);
            await poll.UntilAsync(s => s.VcpuCount == 1 && s.GuestCpuCount == 1, TimeSpan.FromSeconds(30), ct);

            start = Stopwatch.GetTimestamp();
            await agent.SetCpusAsync(vmId, 2, ct);
            var plugMs = Samples.Since(start);
            var replied = Stopwatch.GetTimestamp();
            await poll.UntilAsync(s => s.GuestCpuCount == 2, TimeSpan.FromSeconds(30), ct);
            var onlineMs = Samples.Since(replied);

            start = Stopwatch.GetTimestamp();
            await agent.SetCpusAsync(vmId, 1, ct);
            var unplugMs = Samples.Since(start);
            await poll.UntilAsync(s => s.VcpuCount == 1, TimeSpan.FromSeconds(30), ct);
            var droppedMs = Samples.Since(start);
            await poll.UntilAsync(s => s.GuestCpuCount == 1, TimeSpan.FromSeconds(30), ct);
            if (timed)
            {
                raw.Add(rawMs);
                rawWithQuery.Add(rawWithQueryMs);
                plug.Add(plugMs);
                online.Add(onlineMs);
                unplug.Add(unplugMs);
                dropped.Add(droppedMs);
            }

            Console.WriteLine($"  round {round + 1}/{total}{(timed ? "" : " (warm-up)")}: raw {Report.Ms(rawMs)}, verb +1 {Report.Ms(plugMs)}, "
                + $"online after {Report.Ms(onlineMs)}, verb −1 {Report.Ms(unplugMs)}, vcpuCount dropped after {Report.Ms(droppedMs)} ms");
        }

        report.Add(Part, raw);
        report.Add(Part, rawWithQuery);
        report.Add(Part, plug);
        var ratio = plug.Median / raw.Median;
        report.AddDerived(Part, "verb / raw device_add (medians)", $"{ratio:0.00}×", ratio <= 1.5, "≤ 1.5×");
        var likeForLike = plug.Median / rawWithQuery.Median;
        report.AddDerived(Part, "verb / raw query + device_add (medians)", $"{likeForLike:0.00}×", likeForLike <= 1.5, "≤ 1.5×");
        report.Add(Part, online, 1000);
        report.Add(Part, unplug, 1000);
        report.Add(Part, dropped);
        report.Add(Part, poll.Cost);
        report.Note($"agent: online and dropped are observed by polling VM.getStats every {StatsPoller.IntervalMs} ms "
            + "plus one VM.getStats round trip (its cost is the 'VM.getStats round trip' row), so they are upper bounds.");
    }
}
