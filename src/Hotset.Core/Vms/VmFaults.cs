using Hotset.Core.Faults;

namespace Hotset.Core.Vms;

/// <summary>
/// Every fault of a VM CPU update and of the hot-set child step: a stable code, the HTTP class (via
/// <see cref="FaultKind"/>), and oVirt's text (SPEC §4) — typos and missing periods included, since API clients match
/// on them. "Cannot edit VM." is the prefix oVirt puts in front of its update messages.
/// </summary>
public static partial class VmFaults
{
    public const string EditPrefix = "Cannot edit VM.";

    public static Fault MaxCpusExceeded() => new(
        "MAX_NUM_CPU_EXCEEDED", FaultKind.Conflict, $"{EditPrefix} Maximum number of CPUs exceeded.");

    public static Fault MaxSocketsExceeded() => new(
        "MAX_NUM_SOCKETS_EXCEEDED", FaultKind.Conflict, $"{EditPrefix} Maximum number of sockets exceeded.");

    public static Fault MaxCpuPerSocketExceeded() => new(
        "MAX_NUM_CPU_PER_SOCKET_EXCEEDED", FaultKind.Conflict, $"{EditPrefix} Maximum number of CPUs per socket exceeded.");

    /// <summary>oVirt's text has no closing period here.</summary>
    public static Fault MaxThreadsPerCpuExceeded() => new(
        "MAX_NUM_THREADS_PER_CPU_EXCEEDED", FaultKind.Conflict, $"{EditPrefix} Maximum number of threads per cpu exceeded");

    /// <summary>oVirt's text says "less then".</summary>
    public static Fault MinSockets() => new(
        "MIN_NUM_SOCKETS", FaultKind.Conflict, "Minimum number of sockets cannot be less then 1");

    public static Fault MinCpuPerSocket() => new(
        "MIN_NUM_CPU_PER_SOCKET", FaultKind.Conflict, "Minimum number of CPU per socket cannot be less than 1");

    public static Fault MinThreadsPerCpu() => new(
        "MIN_NUM_THREADS_PER_CPU", FaultKind.Conflict, "Minimum number of threads per CPU cannot be less than 1");

    public static Fault GuestOsMinimumCpus(int cpus) => new(
        "GUEST_OS_MIN_CPUS", FaultKind.Conflict, $"{EditPrefix} The guest OS requires at least {cpus} CPUs.");

    public static Fault CpusNotAvailableOnHost() => new(
        "CPUS_NOT_AVAILABLE_ON_HOST", FaultKind.BadRequest,
        "The requested number of vCPUs is not available on the host the VM is running on");

    public static Fault HotPlugNotSupportedWithPinningPolicy(CpuPinningPolicy policy) => new(
        "CPU_HOT_PLUG_NOT_SUPPORTED_WITH_PINNING_POLICY", FaultKind.NotSupported,
        $"Hot plugging a CPU is not supported with the CPU pinning policy {policy.ToOvirtName()}.");

    public static Fault PinnedVCpuDoesNotExist() => new(
        "CPU_PINNING_VCPU_DOES_NOT_EXIST", FaultKind.BadRequest,
        "CPU pinning validation failed - virtual CPU does not exist in vm.");

    /// <summary>The pinning string does not parse; <paramref name="error"/> says where.</summary>
    public static Fault PinningFormatInvalid(string error) => new(
        "CPU_PINNING_FORMAT_INVALID", FaultKind.BadRequest, $"{EditPrefix} CPU pinning format invalid. {error}");

    public static Fault MoreNumaNodesThanCpus(int numaNodes, int cpus) => new(
        "NUMA_NODES_MORE_THAN_CPUS", FaultKind.BadRequest,
        $"{EditPrefix} Assigned {numaNodes} NUMA nodes for {cpus} CPU cores. Cannot assign more NUMA nodes than CPU cores.");

    public static Fault NumaInvalidCpuIndex(int cpuIndex, int cpuIndexMax) => new(
        "NUMA_INVALID_CPU_INDEX", FaultKind.BadRequest,
        $"A NUMA node has an invalid CPU index: {cpuIndex}. Indexes must be between 0 and {cpuIndexMax}.");

    /// <summary><b>Better:</b> the reference let this fail deep in libvirt; Hotset refuses it up front and says what works.</summary>
    public static Fault CpusAboveStartedMax(int requested, int startedMax) => new(
        "CPU_ABOVE_STARTED_MAX", FaultKind.Conflict,
        $"{EditPrefix} The VM was started with room for at most {startedMax} vCPUs, so it cannot grow to {requested} "
        + $"vCPUs while it runs. Choose at most {startedMax} vCPUs, or save the change with next_run=true and "
        + "restart the VM to apply it.");

    /// <summary><b>Better:</b> the reference found this only when QEMU refused to start; Hotset says it on edit.</summary>
    public static Fault TopologyNotStartable(CpuTopology requested, int max) => new(
        "CPU_TOPOLOGY_NOT_STARTABLE", FaultKind.Conflict,
        $"{EditPrefix} An i440fx VM with sockets of {requested.Cores} cores × {requested.Threads} threads can have at "
        + $"most {max} vCPUs, not {requested.VCpus}. Use fewer sockets or cores per socket, or the Q35 chipset.");

    /// <summary>Another update of the same VM is in flight (SPEC §3 per-VM lock).</summary>
    public static Fault VmBeingUpdated(string vmName)
    {
        ArgumentNullException.ThrowIfNull(vmName);
        return new("VM_BEING_UPDATED", FaultKind.Conflict, $"{EditPrefix} VM is being updated.");
    }

    public static Fault VmNotFound(Guid id) => new(
        "VM_NOT_FOUND", FaultKind.NotFound,
        $"Entity not found: VM {id}. List the VMs with GET /ovirt-engine/api/vms to find its id.");
}
