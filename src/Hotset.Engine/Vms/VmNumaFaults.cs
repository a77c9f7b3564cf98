using Hotset.Core.Faults;
using Hotset.Core.Vms;

namespace Hotset.Engine.Vms;

/// <summary>Hotset's own faults of vNUMA cell changes (the SPEC §4 ones are in <see cref="VmFaults"/>).</summary>
public static class VmNumaFaults
{
    public static Fault VmNotDown(VmStatus status) => new(
        "NUMA_VM_NOT_DOWN", FaultKind.Conflict,
        $"{VmFaults.EditPrefix} The NUMA nodes of a VM can be changed only while it is down; it is {status.ToOvirtName()}.");

    public static Fault IndexUsedTwice(int index) => new(
        "NUMA_INDEX_USED_TWICE", FaultKind.BadRequest, $"{VmFaults.EditPrefix} NUMA node index {index} is used by two NUMA nodes.");

    public static Fault CpuInTwoNodes(int cpu) => new(
        "NUMA_CPU_IN_TWO_NODES", FaultKind.BadRequest, $"{VmFaults.EditPrefix} CPU {cpu} is assigned to two NUMA nodes.");

    public static Fault NoMemory(int index) => new(
        "NUMA_NODE_NO_MEMORY", FaultKind.BadRequest, $"{VmFaults.EditPrefix} NUMA node {index} needs memory of at least 1 MB.");

    public static Fault MoreMemoryThanVm(long total, int vmMemory) => new(
        "NUMA_MEMORY_EXCEEDS_VM", FaultKind.BadRequest,
        $"{VmFaults.EditPrefix} The NUMA nodes have {total} MB of memory, more than the VM's {vmMemory} MB.");
}
