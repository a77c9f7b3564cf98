using Hotset.Core.Faults;
using Hotset.Core.Os;

namespace Hotset.Core.Vms;

/// <summary>The hot-set child step's faults (SPEC §4): they become event 2034 and never fail the update.</summary>
public static partial class VmFaults
{
    public static Fault HotSetVmNotUp(VmStatus status) => new(
        "HOT_SET_VM_NOT_UP", FaultKind.Conflict,
        $"Cannot hot set cpus VM because the VM is in {status.ToOvirtName()} status.");

    public static Fault HotPlugNotSupportedForCluster(CompatibilityVersion version, Architecture architecture) => new(
        "CPU_HOT_PLUG_NOT_SUPPORTED_FOR_CLUSTER", FaultKind.NotSupported,
        $"Hot plugging a CPU is not supported for cluster version {version} and architecture {architecture.ToOvirtName()}.");

    public static Fault HotPlugNotSupportedForGuestOs(GuestOs os, Architecture architecture) => new(
        "CPU_HOT_PLUG_NOT_SUPPORTED_FOR_GUEST_OS", FaultKind.NotSupported,
        $"Hot plugging a CPU is not supported for the guest OS {os.DisplayName} and architecture {architecture.ToOvirtName()}.");

    public static Fault HotUnplugNotSupportedForCluster(CompatibilityVersion version, Architecture architecture) => new(
        "CPU_HOT_UNPLUG_NOT_SUPPORTED_FOR_CLUSTER", FaultKind.NotSupported,
        $"Hot un-plugging a CPU is not supported for cluster version {version} and architecture {architecture.ToOvirtName()}.");

    public static Fault HotUnplugNotSupportedForGuestOs(GuestOs os, Architecture architecture) => new(
        "CPU_HOT_UNPLUG_NOT_SUPPORTED_FOR_GUEST_OS", FaultKind.NotSupported,
        $"Hot un-plugging a CPU is not supported for the guest OS {os.DisplayName} and architecture {architecture.ToOvirtName()}.");

    /// <summary>
    /// <b>Better:</b> not a failure — the text of the event that tells the user the change waits for a reboot
    /// because the guest OS only takes a new CPU count at boot (the seed's "Reboot Required" rows).
    /// </summary>
    public static Fault GuestOsRequiresReboot(GuestOs os, int previousCpus, int requestedCpus) => new(
        "CPU_HOT_SET_REBOOT_REQUIRED", FaultKind.Conflict,
        $"The guest OS {os.DisplayName} needs a reboot to change its number of CPUs from {previousCpus} to "
        + $"{requestedCpus}; the change was saved to the next-run configuration. Restart the VM to apply it.");
}
