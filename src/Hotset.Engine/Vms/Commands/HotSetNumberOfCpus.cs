using Hotset.Core.Config;
using Hotset.Core.Vms;
using Hotset.Engine.Audit;
using Hotset.Engine.Clusters;
using Host = Hotset.Engine.Hosts.Host;

namespace Hotset.Engine.Vms.Commands;

/// <summary>
/// oVirt HotSetNumberOfCpus: the child step of an update that changes the live vCPUs of <paramref name="Vm"/> (as
/// stored after the update's first write) to <paramref name="Requested"/>, on <paramref name="Host"/> (the host the
/// VM runs on; null when the engine knows none), under the <paramref name="Limits"/> of its <paramref name="Cluster"/>.
/// </summary>
public sealed record HotSetNumberOfCpus(Vm Vm, Host? Host, Cluster Cluster, CpuLimits Limits, HotSetAction Action,
    CpuTopology Requested, Caller Caller);

/// <summary>
/// What the child step did: its <paramref name="Outcome"/>, its one <paramref name="Event"/> (2033, 2034 or 20033) and
/// the <paramref name="Change"/> of the VM that records it (null: nothing to store). The parent stores the change
/// and the event, with its own, in one commit.
/// </summary>
public sealed record HotSetStep(HotSetOutcome Outcome, AuditEvent Event, Func<Vm, Vm?>? Change);
