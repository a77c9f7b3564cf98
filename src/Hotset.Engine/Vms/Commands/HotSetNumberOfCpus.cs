using Hotset.Core.Vms;
using Hotset.Engine.Clusters;

namespace Hotset.Engine.Vms.Commands;

/// <summary>
/// oVirt HotSetNumberOfCpus: the child step of an update that changes the live vCPUs of <paramref name="Vm"/> (as
/// stored after the update's first write) to <paramref name="Requested"/>.
/// </summary>
public sealed record HotSetNumberOfCpus(Vm Vm, Cluster Cluster, HotSetAction Action, CpuTopology Requested, Caller Caller);
