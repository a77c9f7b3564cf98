using Hotset.Core.Config;
using Hotset.Core.Vms;
using Hotset.Engine.Clusters;

namespace Hotset.Engine.Vms.Preview;

/// <summary>The vCPU slots a VM has: the max it started with, or, while it is down, the max its next start gives it.</summary>
public static class VmMaxVCpus
{
    public static int Of(Vm vm, Cluster cluster, CpuLimits limits)
    {
        if (vm.Status != VmStatus.Down)
        {
            return vm.StartedMaxVCpus;
        }

        // As VmLauncher computes it at the start.
        var start = vm.NextRun ?? vm.Configuration;
        return MaxVCpus.Effective(start.Topology, cluster.Version, cluster.Architecture, start.Chipset, limits,
            start.MaxVCpusOverride);
    }
}
