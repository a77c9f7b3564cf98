using System.Diagnostics;
using System.Text.Json;
using Hotset.Bench.Hosts;

namespace Hotset.Bench;

/// <summary>
/// Part 3: <c>GET /vms</c> with many Down VMs in the database. One VM is created through the API, the engine is
/// stopped, the row is copied in SQL (<see cref="VmRowCloner"/>), and the engine is started again on that file.
/// </summary>
public sealed class ListBench(BenchOptions options, Report report)
{
    private const string Part = "list";

    public async Task RunAsync(CancellationToken ct)
    {
        await using var lab = new Lab(options);
        try
        {
            var engine = await lab.StartEngineAsync(ct);
            var id = await engine.CreateVmAsync("bench-list-00000", ct);
            lab.StopEngine();
            var start = Stopwatch.GetTimestamp();
            VmRowCloner.Clone(Path.Combine(lab.EngineData, "engine.db"), id, options.Vms - 1);
            Console.WriteLine($"list: {options.Vms} VMs in the database ({options.Vms - 1} rows copied in {Report.Ms(Samples.Since(start))} ms); restarting the engine…");
            engine = await lab.StartEngineAsync(ct);
            await MeasureAsync(engine, "XML", "application/xml", body => Count(body, "<vm "), ct);
            await MeasureAsync(engine, "JSON", "application/json",
                body => JsonDocument.Parse(body).RootElement.GetProperty("vm").GetArrayLength(), ct);
        }
        catch
        {
            lab.Failed = true;
            throw;
        }
    }

    private async Task MeasureAsync(EngineApi engine, string format, string accept, Func<byte[], int> countVms, CancellationToken ct)
    {
        var samples = new Samples($"GET /vms, {options.Vms} VMs, {format}");
        var body = Array.Empty<byte>();
        for (var i = 0; i < options.Warmup + options.Requests; i++)
        {
            var start = Stopwatch.GetTimestamp();
            body = await engine.GetBytesAsync("vms", accept, ct);
            var ms = Samples.Since(start);
            if (i >= options.Warmup)
            {
                samples.Add(ms);
            }
        }

        var listed = countVms(body);
        report.Add(Part, samples, 200);
        report.Note($"list: {format} response {body.Length / 1024.0 / 1024.0:0.00} MiB ({body.Length} bytes) listing {listed} VMs; "
            + "timed until the whole body was read by the client.");
        if (listed != options.Vms)
        {
            report.Note($"list: the {format} response listed {listed} VMs, not {options.Vms}.");
        }
    }

    private static int Count(byte[] body, string marker)
    {
        var text = System.Text.Encoding.UTF8.GetString(body);
        var count = 0;
        for (var at = text.IndexOf(marker, StringComparison.Ordinal); at >= 0; at = text.IndexOf(marker, at + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
