using System.Runtime.InteropServices;
using Hotset.Bench.Fleet;

FleetOptions options;
try
{
    options = FleetOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

using var stop = new CancellationTokenSource();
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);

var report = new FleetReport();
var loadBefore = FleetRun.LoadAverage();
var started = FleetRun.Now();
foreach (var database in options.Databases)
{
    var root = Directory.CreateTempSubdirectory("hb-fleet-").FullName;
    try
    {
        await new FleetRun(options, report).RunAsync(database, root, stop.Token);
    }
    catch (OperationCanceledException) when (stop.IsCancellationRequested)
    {
        Console.Error.WriteLine("Interrupted; everything the run started was stopped.");
        return 130;
    }
    finally
    {
        if (options.Keep || report.Failures.Count > 0)
        {
            Console.WriteLine($"Kept {root} (engine log, databases, host state).");
        }
        else
        {
            Directory.Delete(root, recursive: true);
        }
    }
}

Console.WriteLine();
Console.WriteLine("Ready to paste into docs/benchmarks.md:");
Console.WriteLine();
Console.WriteLine(report.ToMarkdown(
    $"Fleet run {started}: {options.Hosts} SIMULATED hosts, {options.Vms} VMs, {options.Concurrency} concurrent hot sets, " +
    $"monitoring every {options.Interval.TotalSeconds:0.#} s; {Environment.ProcessorCount} cores, load average {loadBefore} before and {FleetRun.LoadAverage()} after."));
return report.Failures.Count == 0 ? 0 : 1;

void Cancel(PosixSignalContext context)
{
    context.Cancel = true;
    stop.Cancel();
}
