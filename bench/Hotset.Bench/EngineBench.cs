using System.Diagnostics;
using System.Net;
using Hotset.Bench.Hosts;
using Hotset.Bench.Qmp;
using Hotset.Core.Agent;

namespace Hotset.Bench;

/// <summary>
/// Part 2: engine and agent as real processes, one test-guest VM created and started through the REST API. Each
/// round: raw QMP <c>device_add</c> on the same VM's diagnostic socket (undone, then the engine's monitoring is let
/// settle); <c>PUT /vms/{id}</c> sockets +1 → 200 (timed); sockets −1 (untimed) until the VM is stable again.
/// </summary>
public sealed class EngineBench(BenchOptions options, Report report, MachineInfo machine)
{
    private const string Part = "engine";
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(60);

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
            await UntilAsync(engine, id, vm => vm.Status == "up" && vm.GuestCpuCount == 1, TimeSpan.FromMinutes(3), ct);
            var vmId = (await agent.CallAsync(AgentMethods.GetAllVmStats, null, ct)).EnumerateArray().Single().GetProperty("vmId").GetString()!;
            await using var qmp = await RawQmp.ConnectAsync(DiagnosticSocket.PathIn(lab.RunDirectory(vmId)), ct);
            machine.QemuVersion = qmp.QemuVersion;
            await RoundsAsync(engine, new StatsPoller(agent, vmId), qmp, id, ct);
            await engine.StopVmAsync(id, ct);
        }
        catch
        {
            lab.Failed = true;
            throw;
        }
    }

    private async Task RoundsAsync(EngineApi engine, StatsPoller poll, RawQmp qmp, string id, CancellationToken ct)
    {
        var raw = new Samples("raw QMP device_add round trip (same VM)");
        var put = new Samples("PUT /vms/{id} sockets +1 → 200");
        var total = options.Warmup + options.Rounds;
        var reconciled = 0;
        Console.WriteLine($"engine: {options.Warmup} warm-up + {options.Rounds} timed rounds; QEMU creates {1 + (2 * total)} of its 255 lifetime vCPUs.");
        for (var round = 0; round < total; round++)
        {
            var timed = round >= options.Warmup;
            var args = await CpuSlots.NextFreeAsync(qmp, ct);
            var start = Stopwatch.GetTimestamp();
            await qmp.ExecuteAsync("device_add", args, ct);
            var rawMs = Samples.Since(start);
            await poll.UntilAsync(s => s.GuestCpuCount == 2, TimeSpan.FromSeconds(30), ct);
            await CpuSlots.RemoveRawAsync(qmp, TimeSpan.FromSeconds(30), ct);
            await poll.UntilAsync(s => s.VcpuCount == 1 && s.GuestCpuCount == 1, TimeSpan.FromSeconds(30), ct);
            var settled = await UntilAsync(engine, id, vm => vm.VcpuCount == 1, Settle, ct);
            if (settled.Sockets != 1)
            {
                // Monitoring saw the raw vCPU long enough to record it as the truth: put the VM back.
                reconciled++;
                await PutAsync(engine, id, 1, ct);
                await UntilAsync(engine, id, vm => vm.Sockets == 1 && vm.VcpuCount == 1, Settle, ct);
            }

            start = Stopwatch.GetTimestamp();
            await PutAsync(engine, id, 2, ct);
            var putMs = Samples.Since(start);
            await poll.UntilAsync(s => s.VcpuCount == 2 && s.GuestCpuCount == 2, TimeSpan.FromSeconds(30), ct);
            await PutAsync(engine, id, 1, ct);
            await poll.UntilAsync(s => s.VcpuCount == 1 && s.GuestCpuCount == 1, TimeSpan.FromSeconds(30), ct);
            if (timed)
            {
                raw.Add(rawMs);
                put.Add(putMs);
            }

            Console.WriteLine($"  round {round + 1}/{total}{(timed ? "" : " (warm-up)")}: raw device_add {Report.Ms(rawMs)}, PUT +1 {Report.Ms(putMs)} ms");
        }

        report.Add(Part, raw);
        report.Add(Part, put);
        var overhead = put.Median - raw.Median;
        report.AddDerived(Part, "engine overhead = median PUT − median raw device_add", $"{Report.Ms(overhead)} ms", overhead <= 15, "≤ 15 ms");
        if (reconciled > 0)
        {
            report.Note($"engine: in {reconciled} round(s) monitoring recorded the raw vCPU (event 20035) before it was undone; the VM was put back before the timed PUT.");
        }
    }

    private static async Task PutAsync(EngineApi engine, string id, int sockets, CancellationToken ct)
    {
        var (status, hotSet) = await engine.PutSocketsAsync(id, sockets, ct);
        if (status != HttpStatusCode.OK || !hotSet.StartsWith("applied", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"PUT sockets={sockets} answered {(int)status} with Hotset-Cpu-Hot-Set '{hotSet}'.");
        }
    }

    private static async Task<EngineVm> UntilAsync(EngineApi engine, string id, Func<EngineVm, bool> done, TimeSpan timeout, CancellationToken ct)
    {
        var start = Stopwatch.GetTimestamp();
        while (true)
        {
            var vm = await engine.GetVmAsync(id, ct);
            if (done(vm))
            {
                return vm;
            }

            if (Stopwatch.GetElapsedTime(start) > timeout)
            {
                throw new TimeoutException($"VM {id} did not settle within {timeout.TotalSeconds} s: {vm}.");
            }

            await Task.Delay(100, ct);
        }
    }
}
