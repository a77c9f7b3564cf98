using Hotset.Core.Vms;
using Hotset.Engine.Clusters;
using Host = Hotset.Engine.Hosts.Host;

namespace Hotset.Engine.Vms.Commands;

/// <summary>
/// SPEC §4's capacity rule applied to a host of the engine: its cores (threads when the cluster counts threads as
/// cores), minus the CPUs dedicated to other VMs running there, times the cluster's vCPU overcommit ratio.
/// </summary>
public static class HostRoom
{
    /// <summary>The capacity of <paramref name="host"/> for one VM, given the <paramref name="others"/> on it.</summary>
    public static HostCpuCapacity For(Host host, Cluster cluster, IEnumerable<Vm> others) => new(
        Cores: host.Capabilities?.CpuCores ?? 0,
        Threads: host.Capabilities?.CpuThreads ?? 0,
        CountThreadsAsCores: cluster.CountThreadsAsCores,
        CpusDedicatedToOtherVms: others
            .Where(v => v.Status != VmStatus.Down && v.Configuration.CpuPinningPolicy.IsExclusive())
            .Sum(v => v.Configuration.Topology.VCpus),
        OvercommitRatio: cluster.VcpuOvercommitRatio);

    /// <summary>True when a VM of <paramref name="topology"/> (sockets × cores) fits.</summary>
    public static bool Fits(this HostCpuCapacity capacity, CpuTopology topology) =>
        (long)topology.Sockets * topology.Cores <= capacity.AvailableCpus;
}
