using System.Globalization;

namespace Hotset.Bench;

/// <summary>
/// Command line: <c>[agent|engine|list|preview|all] [--rounds N] [--warmup N] [--idle SECONDS] [--requests N] [--vms N]
/// [--calls N] [--artifacts DIR] [--keep]</c>. The built engine and agent are taken from <c>DIR/bin/Hotset.{Engine,Agent}/release</c>.
/// </summary>
public sealed record BenchOptions
{
    /// <summary>Hot-plug rounds per part; each round creates three vCPUs of QEMU's lifetime budget of 255.</summary>
    public int Rounds { get; init; } = 20;

    /// <summary>Untimed rounds first, so the figures do not include JIT and first-connection costs.</summary>
    public int Warmup { get; init; } = 5;

    /// <summary>
    /// How long nothing is asked of the agent or QEMU before each timed hot plug: a real admin's call finds the agent
    /// idle, not warmed by the call before. Zero: back to back.
    /// </summary>
    public TimeSpan Idle { get; init; } = TimeSpan.FromSeconds(0.5);

    /// <summary>Timed <c>GET /vms</c> requests per format.</summary>
    public int Requests { get; init; } = 20;

    /// <summary>Timed <c>GET /vms/{id}/cpuoptions</c> calls per format in the preview part.</summary>
    public int Calls { get; init; } = 200;

    /// <summary>VMs in the database for the list part.</summary>
    public int Vms { get; init; } = 10_000;

    public string Artifacts { get; init; } = Environment.GetEnvironmentVariable("HOTSET_ARTIFACTS") ?? "artifacts";

    /// <summary>Keep the temporary directory (logs, databases) even when the run succeeds.</summary>
    public bool Keep { get; init; }

    public IReadOnlyList<string> Parts { get; init; } = ["agent", "engine", "list", "preview"];

    public string AgentDll => Path.GetFullPath(Path.Combine(Artifacts, "bin", "Hotset.Agent", "release", "Hotset.Agent.dll"));

    public string EngineDll => Path.GetFullPath(Path.Combine(Artifacts, "bin", "Hotset.Engine", "release", "Hotset.Engine.dll"));

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int Number() => int.Parse(Next(), NumberStyles.None, CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "agent" or "engine" or "list" or "preview" => options with { Parts = [args[i]] },
                "all" => options with { Parts = ["agent", "engine", "list", "preview"] },
                "--calls" => options with { Calls = Number() },
                "--rounds" => options with { Rounds = Number() },
                "--warmup" => options with { Warmup = Number() },
                "--idle" => options with { Idle = TimeSpan.FromSeconds(double.Parse(Next(), NumberStyles.Float, CultureInfo.InvariantCulture)) },
                "--requests" => options with { Requests = Number() },
                "--vms" => options with { Vms = Number() },
                "--artifacts" => options with { Artifacts = Next() },
                "--keep" => options with { Keep = true },
                _ => throw new ArgumentException($"Unknown argument '{args[i]}'. Use: [agent|engine|list|preview|all] [--rounds N] "
                    + "[--warmup N] [--idle SECONDS] [--requests N] [--vms N] [--calls N] [--artifacts DIR] [--keep]"),
            };
        }

        if (options.Rounds is < 1 or > 70 || options.Warmup is < 0 or > 10)
        {
            throw new ArgumentException("--rounds must be 1–70 and --warmup 0–10: each round creates three vCPUs of QEMU's lifetime budget of 255.");
        }

        if (options.Calls is < 1 or > 100_000)
        {
            throw new ArgumentException("--calls must be 1–100000.");
        }

        if (options.Idle < TimeSpan.Zero || options.Idle > TimeSpan.FromSeconds(60))
        {
            throw new ArgumentException("--idle must be 0–60 seconds.");
        }

        return options;
    }

    /// <summary>The idle pause before a timed call (<see cref="Idle"/>).</summary>
    public Task PauseAsync(CancellationToken ct) => Idle > TimeSpan.Zero ? Task.Delay(Idle, ct) : Task.CompletedTask;

    /// <summary>How the pause reads in a figure's name, e.g. <c>after 0.5 s idle</c>.</summary>
    public string IdleText => Idle > TimeSpan.Zero
        ? string.Create(CultureInfo.InvariantCulture, $"after {Idle.TotalSeconds:0.###} s idle")
        : "back to back";
}
