using Hotset.Core.Vms;

namespace Hotset.Engine.Vms.Commands;

/// <summary>Maps VDSM's status words in <c>VmStats.status</c> to <see cref="VmStatus"/>.</summary>
public static class AgentVmStatus
{
    public static VmStatus Parse(string? status) => status?.Trim().ToLowerInvariant() switch
    {
        "up" => VmStatus.Up,
        "down" => VmStatus.Down,
        "powering up" or "poweringup" => VmStatus.PoweringUp,
        "powering down" or "poweringdown" => VmStatus.PoweringDown,
        "paused" => VmStatus.Paused,
        "migration source" or "migratingfrom" => VmStatus.MigratingFrom,
        "migration destination" or "migratingto" => VmStatus.MigratingTo,
        "reboot in progress" or "rebootinprogress" => VmStatus.RebootInProgress,
        "wait for launch" or "waitforlaunch" => VmStatus.WaitForLaunch,
        "not responding" or "notresponding" => VmStatus.NotResponding,
        _ => VmStatus.Unknown,
    };
}
