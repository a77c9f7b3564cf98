namespace Hotset.Core.Vms;

/// <summary>
/// The input of <see cref="HotSetDecision"/>: the stored and the requested topology, the VM's status, whether the user
/// asked for <c>next_run</c>, and the (requested) pinning policy.
/// </summary>
public sealed record HotSetDecisionInput(CpuTopology Current, CpuTopology Requested, VmStatus Status, bool NextRun,
    CpuPinningPolicy PinningPolicy);

/// <summary>
/// SPEC §2: CPUs are hot set only when next_run is off, the VM is exactly Up, only sockets changed and the pinning
/// policy is not exclusive. <b>Better:</b> sockets changed together with cores or threads on a running VM go wholly
/// to next run, so the stored topology is never a mix the VM does not have. Whether the guest OS needs a reboot is
/// the child step's question (<see cref="HotSetValidation.RequiresReboot"/>).
/// </summary>
public static class HotSetDecision
{
    public static HotSetAction Decide(HotSetDecisionInput input) => Explain(input).Action;

    public static HotSetVerdict Explain(HotSetDecisionInput input)
    {
        var (current, requested) = (input.Current, input.Requested);
        if (current == requested)
        {
            return new(HotSetAction.PlainUpdate, HotSetReason.NoCpuChange);
        }

        if (input.Status == VmStatus.Down)
        {
            return new(HotSetAction.PlainUpdate, HotSetReason.VmDown);
        }

        if (input.NextRun)
        {
            return new(HotSetAction.NextRun, HotSetReason.NextRunRequested);
        }

        if (input.Status != VmStatus.Up)
        {
            return new(HotSetAction.NextRun, HotSetReason.VmNotUp);
        }

        if (current.Cores != requested.Cores || current.Threads != requested.Threads)
        {
            return new(HotSetAction.NextRun, HotSetReason.CoresOrThreadsChanged);
        }

        if (input.PinningPolicy.IsExclusive())
        {
            return new(HotSetAction.NextRun, HotSetReason.ExclusivePinningPolicy);
        }

        return requested.Sockets > current.Sockets
            ? new(HotSetAction.HotPlug, HotSetReason.SocketsAdded)
            : new(HotSetAction.HotUnplug, HotSetReason.SocketsRemoved);
    }
}
