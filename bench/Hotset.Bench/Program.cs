using System.Runtime.InteropServices;
using Hotset.Bench;

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

// Ctrl-C and SIGTERM cancel the run; every part then stops the VMs and processes it started.
using var stop = new CancellationTokenSource();
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);

var machine = new MachineInfo();
var report = new Report();
var failed = new List<string>();
foreach (var part in options.Parts)
{
    Console.WriteLine($"== {part} ==");
    try
    {
        var run = part switch
        {
            "agent" => new AgentBench(options, report, machine).RunAsync(stop.Token),
            "engine" => new EngineBench(options, report, machine).RunAsync(stop.Token),
            "preview" => new PreviewBench(options, report).RunAsync(stop.Token),
            _ => new ListBench(options, report).RunAsync(stop.Token),
        };
        await run;
    }
    catch (Exception e) when (!stop.IsCancellationRequested)
    {
        Console.Error.WriteLine($"{part}: FAILED: {e.Message}");
        report.Note($"{part}: failed: {e.Message}");
        failed.Add(part);
    }
    catch (Exception) when (stop.IsCancellationRequested)
    {
        Console.Error.WriteLine($"{part}: interrupted; everything it started was stopped.");
        return 130;
    }
}

Console.WriteLine();
Console.WriteLine("Ready to paste into docs/benchmarks.md:");
Console.WriteLine();
Console.WriteLine(report.ToMarkdown(machine));
return failed.Count == 0 ? 0 : 1;

void Cancel(PosixSignalContext context)
{
    context.Cancel = true;
    stop.Cancel();
}
