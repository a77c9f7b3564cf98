using Hotset.Core.Faults;
using Hotset.Core.Os;
using Hotset.Core.Vms;

namespace Hotset.Core.Tests.Vms;

/// <summary>Every fault of the catalog with its exact code, kind and SPEC §4 text.</summary>
public sealed class VmFaultsTests
{
    private static readonly GuestOs Windows = new("windows_8x64", "Windows 8 x64", Architecture.X86_64,
        HotSetSupport.Supported, HotSetSupport.Unsupported, 1);

    public static TheoryData<Fault, string, FaultKind, string> Catalog => new()
    {
        { VmFaults.MaxCpusExceeded(), "MAX_NUM_CPU_EXCEEDED", FaultKind.Conflict, "Cannot edit VM. Maximum number of CPUs exceeded." },
        { VmFaults.MaxSocketsExceeded(), "MAX_NUM_SOCKETS_EXCEEDED", FaultKind.Conflict, "Cannot edit VM. Maximum number of sockets exceeded." },
        { VmFaults.MaxCpuPerSocketExceeded(), "MAX_NUM_CPU_PER_SOCKET_EXCEEDED", FaultKind.Conflict, "Cannot edit VM. Maximum number of CPUs per socket exceeded." },
        { VmFaults.MaxThreadsPerCpuExceeded(), "MAX_NUM_THREADS_PER_CPU_EXCEEDED", FaultKind.Conflict, "Cannot edit VM. Maximum number of threads per cpu exceeded" },
        { VmFaults.MinSockets(), "MIN_NUM_SOCKETS", FaultKind.Conflict, "Minimum number of sockets cannot be less then 1" },
        { VmFaults.MinCpuPerSocket(), "MIN_NUM_CPU_PER_SOCKET", FaultKind.Conflict, "Minimum number of CPU per socket cannot be less than 1" },
        { VmFaults.MinThreadsPerCpu(), "MIN_NUM_THREADS_PER_CPU", FaultKind.Conflict, "Minimum number of threads per CPU cannot be less than 1" },
        { VmFaults.GuestOsMinimumCpus(2), "GUEST_OS_MIN_CPUS", FaultKind.Conflict, "Cannot edit VM. The guest OS requires at least 2 CPUs." },
        { VmFaults.CpusNotAvailableOnHost(), "CPUS_NOT_AVAILABLE_ON_HOST", FaultKind.BadRequest, "The requested number of vCPUs is not available on the host the VM is running on" },
        { VmFaults.HotPlugNotSupportedWithPinningPolicy(CpuPinningPolicy.Dedicated), "CPU_HOT_PLUG_NOT_SUPPORTED_WITH_PINNING_POLICY", FaultKind.NotSupported, "Hot plugging a CPU is not supported with the CPU pinning policy dedicated." },
        { VmFaults.HotPlugNotSupportedWithPinningPolicy(CpuPinningPolicy.IsolateThreads), "CPU_HOT_PLUG_NOT_SUPPORTED_WITH_PINNING_POLICY", FaultKind.NotSupported, "Hot plugging a CPU is not supported with the CPU pinning policy isolate_threads." },
        { VmFaults.PinnedVCpuDoesNotExist(), "CPU_PINNING_VCPU_DOES_NOT_EXIST", FaultKind.BadRequest, "CPU pinning validation failed - virtual CPU does not exist in vm." },
        { VmFaults.PinningFormatInvalid("'x' is wrong."), "CPU_PINNING_FORMAT_INVALID", FaultKind.BadRequest, "Cannot edit VM. CPU pinning format invalid. 'x' is wrong." },
        { VmFaults.MoreNumaNodesThanCpus(4, 2), "NUMA_NODES_MORE_THAN_CPUS", FaultKind.BadRequest, "Cannot edit VM. Assigned 4 NUMA nodes for 2 CPU cores. Cannot assign more NUMA nodes than CPU cores." },
        { VmFaults.NumaInvalidCpuIndex(5, 3), "NUMA_INVALID_CPU_INDEX", FaultKind.BadRequest, "A NUMA node has an invalid CPU index: 5. Indexes must be between 0 and 3." },
        { VmFaults.CpusAboveStartedMax(20, 16), "CPU_ABOVE_STARTED_MAX", FaultKind.Conflict, "Cannot edit VM. The VM was started with room for at most 16 vCPUs, so it cannot grow to 20 vCPUs while it runs. Choose at most 16 vCPUs, or save the change with next_run=true and restart the VM to apply it." },
        { VmFaults.TopologyNotStartable(new CpuTopology(80, 3, 1), 192), "CPU_TOPOLOGY_NOT_STARTABLE", FaultKind.Conflict, "Cannot edit VM. An i440fx VM with sockets of 3 cores × 1 threads can have at most 192 vCPUs, not 240. Use fewer sockets or cores per socket, or the Q35 chipset." },
        { VmFaults.VmBeingUpdated("vm1"), "VM_BEING_UPDATED", FaultKind.Conflict, "Cannot edit VM. VM is being updated." },
        { VmFaults.VmNotFound(Guid.Parse("6a0c6f4c-0000-4000-8000-000000000001")), "VM_NOT_FOUND", FaultKind.NotFound, "Entity not found: VM 6a0c6f4c-0000-4000-8000-000000000001. List the VMs with GET /ovirt-engine/api/vms to find its id." },
        { VmFaults.HotSetVmNotUp(VmStatus.WaitForLaunch), "HOT_SET_VM_NOT_UP", FaultKind.Conflict, "Cannot hot set cpus VM because the VM is in WaitForLaunch status." },
        { VmFaults.HotPlugNotSupportedForCluster(new(4, 2), Architecture.Ppc64), "CPU_HOT_PLUG_NOT_SUPPORTED_FOR_CLUSTER", FaultKind.NotSupported, "Hot plugging a CPU is not supported for cluster version 4.2 and architecture ppc64." },
        { VmFaults.HotPlugNotSupportedForGuestOs(Windows, Architecture.X86_64), "CPU_HOT_PLUG_NOT_SUPPORTED_FOR_GUEST_OS", FaultKind.NotSupported, "Hot plugging a CPU is not supported for the guest OS Windows 8 x64 and architecture x86_64." },
        { VmFaults.HotUnplugNotSupportedForCluster(new(4, 8), Architecture.S390x), "CPU_HOT_UNPLUG_NOT_SUPPORTED_FOR_CLUSTER", FaultKind.NotSupported, "Hot un-plugging a CPU is not supported for cluster version 4.8 and architecture s390x." },
        { VmFaults.HotUnplugNotSupportedForGuestOs(Windows, Architecture.X86_64), "CPU_HOT_UNPLUG_NOT_SUPPORTED_FOR_GUEST_OS", FaultKind.NotSupported, "Hot un-plugging a CPU is not supported for the guest OS Windows 8 x64 and architecture x86_64." },
        { VmFaults.GuestOsRequiresReboot(Windows, 2, 4), "CPU_HOT_SET_REBOOT_REQUIRED", FaultKind.Conflict, "The guest OS Windows 8 x64 needs a reboot to change its number of CPUs from 2 to 4; the change was saved to the next-run configuration. Restart the VM to apply it." },
    };

    [Theory]
    [MemberData(nameof(Catalog))]
    public void Fault_HasExactCodeKindAndText(Fault fault, string code, FaultKind kind, string text) =>
        Assert.Equal(new Fault(code, kind, text), fault);

    [Fact]
    public void Catalog_CodesAreScreamingSnakeCase() =>
        Assert.All(Catalog, row => Assert.Matches("^[A-Z][A-Z0-9_]*$", ((Fault)row[0]).Code));
}
