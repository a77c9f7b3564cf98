using System.Diagnostics;
using Hotset.Bench.Hosts;
using Hotset.Bench.Qmp;
using Hotset.Core.Agent;

namespace Hotset.Bench;

/// <summary>
/// Part 2: engine and agent as real processes, one test-guest VM created and started through the REST API. Each
/// round: raw QMP <c>device_add</c> on the same VM's diagnostic socket (undone, then the engine's monitoring is let
/// settle); the agent verb +1 (timed) and −1; <c>PUT /vms/{id}</c> sockets +1 → 200 (timed); sockets −1 (untimed)
/// until the VM is stable again. Each timed call follows an idle pause (<see cref="BenchOptions.Idle"/>); the engine's
/// own monitoring still polls the agent during it.
/// </summary>
public sealed class EngineBench(BenchOptions options, Report report, MachineInfo machine)
{
    private const string Part = "engine";

    public async Task RunAsync(CancellationToken ct)
    {
        await using var lab = new Lab(options);
        try
        {
            var agent = await lab.StartAgentAsync(ct);
            var engine = await lab.StartEngineAsync(ct);
            var id = await engine.CreateVmAsync("bench-engine", ct);
            Console.WriteLine($"engine: VM {id} created (128 MiB, max 8 vCPUs); starting it through the engine…");
            await engine.StartVmAsync(id, ct);
            await WaitUpAsync(engine, id, ct);
            var vmId = (await agent.CallAsync(AgentMethods.GetAllVmStats, null, ct)).EnumerateArray().Single().GetProperty("vmId").GetString()!;
            await using var qmp = await RawQmp.ConnectAsync(DiagnosticSocket.PathIn(lab.RunDirectory(vmId)), ct);
            machine.QemuVersion = qmp.QemuVersion;
            await RoundsAsync(new EngineSettler(engine, agent, id, vmId), new StatsPoller(agent, vmId), qmp, ct);
            await engine.StopVmAsync(id, ct);
        }
        catch
        {
            lab.Failed = true;
            throw;
        }
    }

    private static async Task WaitUpAsync(EngineApi engine, string id, CancellationToken ct)
    {
        var start = Stopwatch.GetTimestamp();
        for (var vm = await engine.GetVmAsync(id, ct); vm is not { Status: "up", GuestCpuCount: 1 }; vm = await engine.GetVmAsync(id, ct))
        {
            if (Stopwatch.GetElapsedTime(start) > TimeSpan.FromMinutes(3))
            {
                throw new TimeoutException($"VM {id} was not Up with its guest ready within 3 minutes: {vm}.");
            }

            await Task.Delay(250, ct);
        }
    }

    private async Task RoundsAsync(EngineSettler settler, StatsPoller poll, RawQmp qmp, CancellationToken ct)
    {
        var raw = new Samples($"raw QMP device_add round trip (same VM), {options.IdleText}");
        var verb = new Samples($"agent VM.setNumberOfCpus +1 round trip (same VM), {options.IdleText}");
        var put = new Samples($"PUT /vms/{{id}} sockets +1 → 200, {options.IdleText}");
        var total = options.Warmup + options.Rounds;
        Console.WriteLine($"engine: {options.Warmup} warm-up + {options.Rounds} timed rounds; QEMU creates {1 + (3 * total)} of its 255 lifetime vCPUs.");
        for (var round = 0; round < total; round++)
        {
            var timed = round >= options.Warmup;
            var args = await CpuSlots.NextFreeAsync(qmp, ct);
            await options.PauseAsync(ct);
            var start = Stopwatch.GetTimestamp();
            await qmp.ExecuteAsync("device_add", args, ct);
            var rawMs = Samples.Since(start);
            await poll.UntilAsync(s => s.GuestCpuCount == 2, TimeSpan.FromSeconds(30), ct);
            await CpuSlots.RemoveRawAsync(qmp, TimeSpan.FromSeconds(30), ct);
            await poll.UntilAsync(s => s.VcpuCount == 1 && s.GuestCpuCount == 1, TimeSpan.FromSeconds(30), ct);
            await settler.SettleAsync(1, ct);

            await options.PauseAsync(ct);
            start = Stopwatch.GetTimestamp();
            await settler.SetThroughAgentAsync(2, ct);
            var verbMs = Samples.Since(start);
            await poll.UntilAsync(s => s.VcpuCount == 2 && s.GuestCpuCount == 2, TimeSpan.FromSeconds(30), ct);
            await settler.SetThroughAgentAsync(1, ct);
            await poll.UntilAsync(s => s.VcpuCount == 1 && s.GuestCpuCount == 1, TimeSpan.FromSeconds(30), ct);
            await settler.SettleAsync(1, ct);

            await options.PauseAsync(ct);
            start = Stopwatch.GetTimestamp();
            var applied = await settler.PutAsync(2, ct);
            var putMs = Samples.Since(start);
            await settler.SettleAsync(2, ct);
            await settler.PutAsync(1, ct);
            await settler.SettleAsync(1, ct);
            if (timed)
            {
                raw.Add(rawMs);
                verb.Add(verbMs);
                if (applied)
                {
                    put.Add(putMs);
                }
            }

            Console.WriteLine($"  round {round + 1}/{total}{(timed ? "" : " (warm-up)")}: raw device_add {Report.Ms(rawMs)}, verb +1 {Report.Ms(verbMs)}, "
                + $"PUT +1 {Report.Ms(putMs)} ms{(applied ? "" : " (not applied: not counted)")}");
        }

        report.Add(Part, raw);
        report.Add(Part, verb);
        report.Add(Part, put);
        var overhead = put.Median - raw.Median;
        report.AddDerived(Part, "engine overhead = median PUT − median raw device_add", $"{Report.Ms(overhead)} ms", overhead <= 15, "≤ 15 ms");
        var own = put.Median - verb.Median;
        report.AddDerived(Part, "of which the engine's own share = median PUT − median agent verb", $"{Report.Ms(own)} ms", own <= 15, null);
        if (settler.Incidents.Count > 0)
        {
            report.Note($"engine: {settler.Incidents.Count} incident(s), {settler.Repairs} repair(s) between rounds: "
                + string.Join("; ", settler.Incidents.Distinct().Take(5)));
        }
    }
}
