using Hotset.Core.Faults;
using Hotset.Core.Vms;

namespace Hotset.Engine.Vms;

/// <summary>
/// What a change of a VM's vNUMA cells must keep (SPEC §4's NUMA rules with their texts, then Hotset's own): the VM is
/// down (QEMU cannot change a running VM's cells), no more cells than vCPUs, vCPU indexes of the VM, each vCPU in one
/// cell, each index once, every cell with memory and the cells within the VM's memory. Any fault: nothing changes.
/// </summary>
public static class VmNumaRules
{
    public static IReadOnlyList<Fault> Validate(Vm vm, IReadOnlyList<VmNumaNode> nodes)
    {
        var faults = new List<Fault>();
        if (vm.Status != VmStatus.Down)
        {
            faults.Add(VmNumaFaults.VmNotDown(vm.Status));
        }

        faults.AddRange(NumaRules.Validate([.. nodes.Select(n => n.ToCore())], vm.Configuration.Topology));
        foreach (var index in nodes.GroupBy(n => n.Index).Where(g => g.Count() > 1).Select(g => g.Key).Order())
        {
            faults.Add(VmNumaFaults.IndexUsedTwice(index));
        }

        foreach (var cpu in nodes.SelectMany(n => n.Cpus.Distinct()).GroupBy(c => c).Where(g => g.Count() > 1).Select(g => g.Key).Order())
        {
            faults.Add(VmNumaFaults.CpuInTwoNodes(cpu));
        }

        foreach (var node in nodes.Where(n => n.MemoryMiB < 1).OrderBy(n => n.Index))
        {
            faults.Add(VmNumaFaults.NoMemory(node.Index));
        }

        var total = nodes.Sum(n => (long)Math.Max(0, n.MemoryMiB));
        if (total > vm.Configuration.MemoryMiB)
        {
            faults.Add(VmNumaFaults.MoreMemoryThanVm(total, vm.Configuration.MemoryMiB));
        }

        return faults;
    }
}
