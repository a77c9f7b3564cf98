using Hotset.Core.Agent;

namespace Hotset.Agent.Vms;

/// <summary>Where a VM the agent knows is in its life.</summary>
internal enum VmRunState
{
    /// <summary><c>VM.create</c> is starting QEMU.</summary>
    PoweringUp,

    /// <summary>QEMU runs and the agent holds its QMP connection.</summary>
    Up,

    /// <summary>QEMU is gone; the VM stays listed, with its exit message, until <c>VM.destroy</c>.</summary>
    Down,
}

internal static class VmRunStateExtensions
{
    /// <summary>The VDSM status word of <see cref="Hotset.Core.Agent.VmStats.Status"/>.</summary>
    public static string ToStatusWord(this VmRunState state) => state switch
    {
        VmRunState.Up => AgentVmStatus.Up,
        VmRunState.PoweringUp => AgentVmStatus.PoweringUp,
        VmRunState.Down => AgentVmStatus.Down,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown VM state."),
    };
}
