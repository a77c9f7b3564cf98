using System.ComponentModel.DataAnnotations;

namespace Hotset.Engine.Vms.Migration;

/// <summary>How the engine drives a live migration (bound from <c>Engine:Migration</c>).</summary>
public sealed class MigrationOptions
{
    public const string Section = "Engine:Migration";

    /// <summary>Time between two <c>VM.migrateStatus</c> calls to the source while a migration runs.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:10")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Longest stay in QEMU's <c>setup</c> phase (QEMU 10 sometimes hangs there); the source agent then cancels and
    /// reports it, and the engine reports the failure. The engine cancels itself when the agent has not after twice this.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan SetupTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest migration; the source agent cancels one that takes longer.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Bandwidth cap of the migration stream, MiB/s (VDSM's <c>maxBandwidth</c>).</summary>
    [Range(1, 100_000)]
    public int MaxBandwidthMiBps { get; set; } = 1024;
}
