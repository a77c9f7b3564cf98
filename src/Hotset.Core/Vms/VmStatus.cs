namespace Hotset.Core.Vms;

/// <summary>VM status as oVirt reports it (REST: lower case with underscores, e.g. <c>up</c>, <c>powering_up</c>).</summary>
public enum VmStatus
{
    Down,
    Up,
    PoweringUp,
    PoweringDown,
    RebootInProgress,
    MigratingFrom,
    MigratingTo,
    Paused,
    NotResponding,
    Unknown,
    WaitForLaunch,
    ImageLocked,
}
