namespace Hotset.Bench.Fleet.Tests;

/// <summary>
/// A small run of the fleet benchmark as a correctness check (no figure is asserted): the engine as a process on
/// SQLite, 5 SIMULATED hosts, 200 VMs created and started through the API, 50 concurrent hot sets, a host lost and
/// back. It fails on any 5xx or failed hot set, on counts that do not agree (as the engine reports them and as each
/// host reports them directly), and on a lost host whose VMs are not marked Unknown or do not come back.
/// </summary>
public sealed class SmallFleetTests
{
    [Fact]
    public async Task Run_FiveHostsTwoHundredVmsFiftyConcurrentHotSets_EveryCountAgreesAndNoError()
    {
        var options = new FleetOptions
        {
            Hosts = 5,
            Vms = 200,
            Concurrency = 50,
            SetupConcurrency = 16,
            Databases = ["sqlite"],
            Steady = TimeSpan.FromSeconds(2),
            Interval = TimeSpan.FromSeconds(1),
            EngineDll = EngineDll(),
        };
        var report = new FleetReport();
        var root = Directory.CreateTempSubdirectory("hotset-fleet-test-").FullName;
        try
        {
            await new FleetRun(options, report).RunAsync("sqlite", root, CancellationToken.None);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }

        Assert.Empty(report.Failures);
        Assert.StartsWith("0 / 0 ", report.ValueOf("hot sets: errors"));
        Assert.Equal("0 of 200", report.ValueOf("VMs whose stored count differs"));
        Assert.NotNull(report.ValueOf("host back"));
    }

    // The test assembly lives in artifacts/bin/Hotset.Bench.Fleet.Tests/<config>; the engine beside it.
    private static string EngineDll()
    {
        var testDir = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
        return Path.GetFullPath(Path.Combine(testDir, "..", "..", "Hotset.Engine", Path.GetFileName(testDir), "Hotset.Engine.dll"));
    }
}
