using System.Diagnostics;
using Hotset.Bench.Hosts;
using Hotset.Bench.Qmp;
using Hotset.Core.Agent;

namespace Hotset.Bench;

/// <summary>
/// Part 1: one fresh test-guest VM started through a real agent process. Each round, on that VM, raw QMP
/// <c>device_add</c> on the diagnostic socket and the agent verb <c>VM.setNumberOfCpus</c> +1, in alternating order,
/// each after an idle pause (<see cref="BenchOptions.Idle"/>); then verb reply → guest reports the CPU online, and
/// the verb −1 until the unplug is confirmed.
/// </summary>
public sealed class AgentBench(BenchOptions options, Report report, MachineInfo machine)
{
    private const string Part = "agent";
    private readonly Samples _raw = new($"raw QMP device_add round trip, {options.IdleText}");
    private readonly Samples _rawPair = new($"raw QMP query-cpus-fast + device_add in one write (the verb's QMP work), {options.IdleText}");
    private readonly Samples _plug = new($"VM.setNumberOfCpus +1 round trip, {options.IdleText}");
    private readonly Samples _noop = new($"JSON-RPC round trip that runs no verb, {options.IdleText}");
    private readonly Samples _online = new("verb reply → guest reports the CPU online");
    private readonly Samples _unplug = new($"VM.setNumberOfCpus −1 round trip (unplug confirmed), {options.IdleText}");
    private readonly Samples _dropped = new("verb −1 sent → VM.getStats vcpuCount dropped");

    /// <summary>vCPUs this QEMU process has created in its life: the boot vCPU and every plug since.</summary>
    private int _created = 1;

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
        var total = options.Warmup + options.Rounds;
        Console.WriteLine($"agent: {options.Warmup} warm-up + {options.Rounds} timed rounds, {options.IdleText} before each timed call; "
            + $"QEMU creates {1 + (3 * total)} of its 255 lifetime vCPUs.");
        var createdAtFirstTimed = 0;
        for (var round = 0; round < total; round++)
        {
            var timed = round >= options.Warmup;
            createdAtFirstTimed = timed && createdAtFirstTimed == 0 ? _created : createdAtFirstTimed;
            var createdBefore = _created;
            // Rotating the order cancels what the VM's ageing and the round's own history do to any one of them.
            double rawMs = 0, pairMs = 0, verbMs = 0;
            for (var step = 0; step < 3; step++)
            {
                switch ((round + step) % 3)
                {
                    case 0:
                        rawMs = await RawPlugAsync(qmp, poll, withCountCheck: false, ct);
                        break;
                    case 1:
                        pairMs = await RawPlugAsync(qmp, poll, withCountCheck: true, ct);
                        break;
                    default:
                        verbMs = await VerbPlugAsync(agent, poll, vmId, timed, ct);
                        break;
                }
            }

            await options.PauseAsync(ct);
            var noopMs = await NoopAsync(agent, ct);
            if (timed)
            {
                _raw.Add(rawMs);
                _rawPair.Add(pairMs);
                _plug.Add(verbMs);
                _noop.Add(noopMs);
            }

            Console.WriteLine($"  round {round + 1}/{total}{(timed ? "" : " (warm-up)")}, {createdBefore} vCPUs created before it: "
                + $"raw {Report.Ms(rawMs)}, raw pair {Report.Ms(pairMs)}, verb +1 {Report.Ms(verbMs)}, no-op call {Report.Ms(noopMs)} ms");
        }

        report.Add(Part, _raw);
        report.Add(Part, _rawPair);
        report.Add(Part, _plug);
        var ratio = _plug.Median / _raw.Median;
        report.AddDerived(Part, "verb / raw device_add (medians)", $"{ratio:0.00}×", ratio <= 1.5, "≤ 1.5×");
        var pairRatio = _rawPair.Median / _raw.Median;
        report.AddDerived(Part, "raw query-cpus-fast + device_add / raw device_add (medians)", $"{pairRatio:0.00}×", pairRatio <= 1.5, null);
        report.Add(Part, _noop);
        report.Add(Part, _online, 1000);
        report.Add(Part, _unplug, 1000);
        report.Add(Part, _dropped);
        report.Add(Part, poll.Cost);
        report.AddDerived(Part, "vCPUs this QEMU had created: before the first timed round → at the end",
            $"{createdAtFirstTimed} → {_created}", true, null);
        report.Note($"agent: raw, raw with the count check, and the verb rotate their order from round to round; each timed call follows {(options.Idle > TimeSpan.Zero ? $"{options.Idle.TotalSeconds:0.###} s in which nothing was asked of the agent or QEMU" : "the previous call at once")}. "
            + "The verb's HTTP connection is pooled, as the engine's is.");
        report.Note($"agent: online and dropped are observed by polling VM.getStats every {StatsPoller.IntervalMs} ms "
            + "plus one VM.getStats round trip (its cost is the 'VM.getStats round trip' row), so they are upper bounds.");
    }

    /// <summary>
    /// Raw <c>device_add</c> of the lowest free slot (timed), then undone untimed. <paramref name="withCountCheck"/>:
    /// <c>query-cpus-fast</c> first in the same write, as the agent's plug sends them.
    /// </summary>
    private async Task<double> RawPlugAsync(RawQmp qmp, StatsPoller poll, bool withCountCheck, CancellationToken ct)
    {
        var args = await CpuSlots.NextFreeAsync(qmp, ct);
        await options.PauseAsync(ct);
        var start = Stopwatch.GetTimestamp();
        await qmp.ExecuteInOrderAsync(withCountCheck ? [("query-cpus-fast", null), ("device_add", args)] : [("device_add", args)], ct);
        var ms = Samples.Since(start);
        _created++;
        await poll.UntilAsync(s => s.GuestCpuCount == 2, TimeSpan.FromSeconds(30), ct);
        await CpuSlots.RemoveRawAsync(qmp, TimeSpan.FromSeconds(30), ct);
        await poll.UntilAsync(s => s.VcpuCount == 1 && s.GuestCpuCount == 1, TimeSpan.FromSeconds(30), ct);
        return ms;
    }

    /// <summary>The verb +1 (timed; returned), the guest onlining it, the verb −1 and the unplug (recorded when timed).</summary>
    private async Task<double> VerbPlugAsync(AgentRpc agent, StatsPoller poll, string vmId, bool timed, CancellationToken ct)
    {
        await options.PauseAsync(ct);
        var start = Stopwatch.GetTimestamp();
        await agent.SetCpusAsync(vmId, 2, ct);
        var plugMs = Samples.Since(start);
        _created++;
        var replied = Stopwatch.GetTimestamp();
        await poll.UntilAsync(s => s.GuestCpuCount == 2, TimeSpan.FromSeconds(30), ct);
        var onlineMs = Samples.Since(replied);

        await options.PauseAsync(ct);
        start = Stopwatch.GetTimestamp();
        await agent.SetCpusAsync(vmId, 1, ct);
        var unplugMs = Samples.Since(start);
        await poll.UntilAsync(s => s.VcpuCount == 1, TimeSpan.FromSeconds(30), ct);
        var droppedMs = Samples.Since(start);
        await poll.UntilAsync(s => s.GuestCpuCount == 1, TimeSpan.FromSeconds(30), ct);
        if (timed)
        {
            _online.Add(onlineMs);
            _unplug.Add(unplugMs);
            _dropped.Add(droppedMs);
        }

        return plugMs;
    }

    /// <summary>
    /// A call of a method the agent does not have: HTTP, the bearer check, JSON-RPC parsing and the error reply, and
    /// no verb — the transport's share of the verb's round trip.
    /// </summary>
    private static async Task<double> NoopAsync(AgentRpc agent, CancellationToken ct)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            await agent.CallAsync("Host.noSuchMethod", null, ct);
        }
        catch (AgentCallException e) when (e.Code == AgentErrorCodes.MethodNotFound)
        {
            // The expected answer.
        }

        return Samples.Since(start);
    }
}
