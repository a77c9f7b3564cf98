using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Hotset.Bench.Hosts;

namespace Hotset.Bench;

/// <summary>
/// Part 4: the engine alone (no agent), one VM with a max of 64 vCPUs (1 core, 1 thread: 64 sockets values), and
/// <c>GET /vms/{id}/cpuoptions</c> timed <see cref="BenchOptions.Calls"/> times per format, each from sending the
/// request until the whole body is read.
/// </summary>
public sealed class PreviewBench(BenchOptions options, Report report)
{
    private const string Part = "preview";
    private const int MaxVCpus = 64;

    public async Task RunAsync(CancellationToken ct)
    {
        await using var lab = new Lab(options);
        try
        {
            var engine = await lab.StartEngineAsync(ct);
            var id = await engine.CreateVmAsync("bench-preview", MaxVCpus, ct);
            await MeasureAsync(engine, id, "JSON", "application/json", ct);
            await MeasureAsync(engine, id, "XML", "application/xml", ct);
        }
        catch
        {
            lab.Failed = true;
            throw;
        }
    }

    private async Task MeasureAsync(EngineApi engine, string id, string format, string accept, CancellationToken ct)
    {
        var samples = new Samples($"GET /vms/{{id}}/cpuoptions, max {MaxVCpus} vCPUs, {format}");
        var body = Array.Empty<byte>();
        for (var i = 0; i < options.Warmup + options.Calls; i++)
        {
            var start = Stopwatch.GetTimestamp();
            body = await engine.GetBytesAsync($"vms/{id}/cpuoptions", accept, ct);
            var ms = Samples.Since(start);
            if (i >= options.Warmup)
            {
                samples.Add(ms);
            }
        }

        report.Add(Part, samples, 20);
        report.AddDerived(Part, $"cpuoptions {format} p95", $"{Report.Ms(samples.Percentile(95))} ms", samples.Percentile(95) <= 20, "p95 ≤ 20 ms");
        var listed = format == "JSON"
            ? JsonDocument.Parse(body).RootElement.GetProperty("cpu_option").GetArrayLength()
            : CountOf(body, "<cpu_option>");
        report.Note(string.Create(CultureInfo.InvariantCulture,
            $"preview: {format} response {body.Length} bytes with {listed} options; {options.Warmup} untimed calls first."));
        if (listed != MaxVCpus)
        {
            report.Note($"preview: the {format} response listed {listed} options, not {MaxVCpus}.");
        }
    }

    private static int CountOf(byte[] body, string marker)
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
