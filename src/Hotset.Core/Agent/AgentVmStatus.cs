using Hotset.Core.Vms;

namespace Hotset.Core.Agent;

/// <summary>VDSM's status words in <see cref="VmStats.Status"/>: the agent writes them, the engine reads them.</summary>
public static class AgentVmStatus
{
    public const string Up = "Up";
    public const string Down = "Down";
    public const string PoweringUp = "Powering up";
    public const string PoweringDown = "Powering down";
    public const string Paused = "Paused";
    public const string MigrationSource = "Migration Source";
    public const string MigrationDestination = "Migration Destination";
    public const string RebootInProgress = "Reboot In Progress";
    public const string WaitForLaunch = "WaitForLaunch";
    public const string NotResponding = "Not Responding";

    /// <summary>The engine's status for a word; case and spaces do not matter, an unknown word is Unknown.</summary>
    public static VmStatus Parse(string? status) => status?.Trim().Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant() switch
    {
        "up" => VmStatus.Up,
        "down" => VmStatus.Down,
        "poweringup" => VmStatus.PoweringUp,
        "poweringdown" => VmStatus.PoweringDown,
        "paused" => VmStatus.Paused,
        "migrationsource" or "migratingfrom" => VmStatus.MigratingFrom,
        "migrationdestination" or "migratingto" => VmStatus.MigratingTo,
        "rebootinprogress" => VmStatus.RebootInProgress,
        "waitforlaunch" => VmStatus.WaitForLaunch,
        "notresponding" => VmStatus.NotResponding,
        _ => VmStatus.Unknown,
    };
}
