using System.Globalization;

namespace Hotset.Bench.Fleet;

/// <summary>
/// Command line of <c>scripts/bench.sh fleet</c>: <c>[--hosts N] [--vms N] [--concurrency N] [--database
/// sqlite|postgres|both] [--postgres CONNECTION] [--steady SECONDS] [--interval SECONDS] [--artifacts DIR] [--keep]</c>.
/// </summary>
public sealed record FleetOptions
{
    /// <summary>Simulated hosts, each an agent on its own loopback port with its own secret and state directory.</summary>
    public int Hosts { get; init; } = 100;

    /// <summary>VMs created and started through the API, spread evenly over the hosts by the engine's scheduler.</summary>
    public int Vms { get; init; } = 10_000;

    /// <summary>Concurrent <c>PUT /vms/{id}</c> hot sets, each on a different VM.</summary>
    public int Concurrency { get; init; } = 1_000;

    /// <summary>Requests in flight while the VMs are created and started.</summary>
    public int SetupConcurrency { get; init; } = 32;

    /// <summary><c>sqlite</c>, <c>postgres</c> or <c>both</c> (PostgreSQL first).</summary>
    public IReadOnlyList<string> Databases { get; init; } = ["postgres", "sqlite"];

    /// <summary>PostgreSQL connection string of a server the run may wipe (its <c>public</c> schema is recreated).</summary>
    public string? Postgres { get; init; } = Environment.GetEnvironmentVariable("HOTSET_FLEET_PG");

    /// <summary>The steady-state window over which CPU, polls and list latencies are measured.</summary>
    public TimeSpan Steady { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The engine's monitoring interval (<c>Engine:Monitoring:Interval</c>).</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Skip the host-lost part.</summary>
    public bool SkipHostLoss { get; init; }

    public string Artifacts { get; init; } = Environment.GetEnvironmentVariable("HOTSET_ARTIFACTS") ?? "artifacts";

    public bool Keep { get; init; }

    /// <summary>The built engine, or the one beside this program (tests).</summary>
    public string EngineDll { get; init; } = "";

    public string ResolveEngineDll() => EngineDll.Length > 0
        ? EngineDll
        : Path.GetFullPath(Path.Combine(Artifacts, "bin", "Hotset.Engine", "release", "Hotset.Engine.dll"));

    private static IReadOnlyList<string> DatabasesOf(string value) => value switch
    {
        "both" => ["postgres", "sqlite"],
        "postgres" => ["postgres"],
        "sqlite" => ["sqlite"],
        _ => throw new ArgumentException($"--database must be sqlite, postgres or both, not '{value}'."),
    };

    public static FleetOptions Parse(string[] args)
    {
        var o = new FleetOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int Number() => int.Parse(Next(), NumberStyles.None, CultureInfo.InvariantCulture);
            TimeSpan Seconds() => TimeSpan.FromSeconds(double.Parse(Next(), NumberStyles.Float, CultureInfo.InvariantCulture));
            o = args[i] switch
            {
                "fleet" => o,
                "--hosts" => o with { Hosts = Number() },
                "--vms" => o with { Vms = Number() },
                "--concurrency" => o with { Concurrency = Number() },
                "--setup-concurrency" => o with { SetupConcurrency = Number() },
                "--database" => o with { Databases = DatabasesOf(Next()) },
                "--postgres" => o with { Postgres = Next() },
                "--steady" => o with { Steady = Seconds() },
                "--interval" => o with { Interval = Seconds() },
                "--no-host-loss" => o with { SkipHostLoss = true },
                "--artifacts" => o with { Artifacts = Next() },
                "--keep" => o with { Keep = true },
                _ => throw new ArgumentException($"Unknown argument '{args[i]}'. Use: fleet [--hosts N] [--vms N] [--concurrency N] "
                    + "[--setup-concurrency N] [--database sqlite|postgres|both] [--postgres CONNECTION] [--steady SECONDS] "
                    + "[--interval SECONDS] [--no-host-loss] [--artifacts DIR] [--keep]"),
            };
        }

        if (o.Hosts < 1 || o.Vms < o.Hosts || o.Concurrency < 1 || o.Concurrency > o.Vms)
        {
            throw new ArgumentException("Need 1 ≤ hosts ≤ vms and 1 ≤ concurrency ≤ vms.");
        }

        if (o.Databases.Contains("postgres") && string.IsNullOrWhiteSpace(o.Postgres))
        {
            throw new ArgumentException("PostgreSQL needs --postgres CONNECTION (or HOTSET_FLEET_PG); scripts/bench.sh fleet starts a private server.");
        }

        return o;
    }
}
