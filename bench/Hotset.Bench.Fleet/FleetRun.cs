using System.Diagnostics;
using Hotset.Client;

namespace Hotset.Bench.Fleet;

/// <summary>
/// One run on one database: a fresh engine process and a fresh simulated fleet, set up through the REST API, then
/// the hot-set burst, the steady state and a lost host. Everything it started is stopped when it returns.
/// </summary>
public sealed class FleetRun(FleetOptions options, FleetReport report)
{
    public async Task RunAsync(string database, string root, CancellationToken ct)
    {
        Console.WriteLine($"== fleet on {database}: {options.Hosts} simulated hosts, {options.Vms} VMs, {options.Concurrency} concurrent hot sets ==");
        string connection;
        if (database == "postgres")
        {
            connection = options.Postgres!;
            await PostgresReset.RunAsync(connection, ct);
        }
        else
        {
            Directory.CreateDirectory(Path.Combine(root, "engine"));
            connection = $"Data Source={Path.Combine(root, "engine", "engine.db")};Pooling=True";
        }

        await using var fleet = await SimulatedFleet.StartAsync(options.Hosts, Path.Combine(root, "hosts"), ct);
        using var engine = await EngineProcess.StartAsync(options.ResolveEngineDll(), Path.Combine(root, "engine"), connection,
            options.Interval, ct);
        using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) })
        {
            Timeout = TimeSpan.FromMinutes(5),
        };
        var client = new HotsetClient(http, new Uri(engine.Url));
        client.UseBasic("admin@internal", EngineProcess.AdminPassword);
        try
        {
            var setup = new FleetSetup(client, fleet, options, report, database);
            var vms = await setup.RunAsync(ct);
            await new HotSetBurst(client, fleet, engine, setup.HostIds, options, report, database).RunAsync(vms, ct);
            await new SteadyState(fleet, engine, options, report, database).RunAsync(vms.Count, ct);
            if (!options.SkipHostLoss)
            {
                await new HostLoss(client, fleet, setup.HostIds, report, database).RunAsync(ct);
            }

            report.Add(database, "engine RSS at the end", $"{engine.Sample().RssBytes / 1024 / 1024} MiB");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            report.Fail($"{database}: {e.GetType().Name}: {e.Message}\nengine log:\n{engine.Tail()}");
        }
    }

    /// <summary>Load average (1, 5, 15 min) from <c>/proc/loadavg</c>.</summary>
    public static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    public static string Now() => TimeProvider.System.GetUtcNow().ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);

    internal static Stopwatch Clock() => Stopwatch.StartNew();
}
