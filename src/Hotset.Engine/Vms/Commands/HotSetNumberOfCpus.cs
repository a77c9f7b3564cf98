using Hotset.Core.Vms;
using Hotset.Engine.Audit;
using Hotset.Engine.Clusters;
using Host = Hotset.Engine.Hosts.Host;

namespace Hotset.Engine.Vms.Commands;

/// <summary>
/// oVirt HotSetNumberOfCpus: the child step of an update that changes the live vCPUs of <paramref name="Vm"/> (as
/// stored after the update's first write) to <paramref name="Requested"/>.
/// </summary>
public sealed record HotSetNumberOfCpus(Vm Vm, Cluster Cluster, HotSetAction Action, CpuTopology Requested, Caller Caller)
{
    /// <summary>The host the parent read for the VM, so the step need not read it again; null: the step reads it.</summary>
    public Host? Host { get; init; }

    /// <summary>
    /// The parent's own events (UpdateVm's 35), logged after the step's event and in the transaction of its write, so
    /// the update costs one commit once the host has answered.
    /// </summary>
    public IReadOnlyList<AuditEvent> ParentEvents { get; init; } = [];
}
