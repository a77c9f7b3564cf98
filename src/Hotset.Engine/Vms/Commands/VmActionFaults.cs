using Hotset.Core.Faults;
using Hotset.Core.Vms;
using Host = Hotset.Engine.Hosts.Host;

namespace Hotset.Engine.Vms.Commands;

/// <summary>
/// Faults of the VM commands other than the CPU rules of an update (those are <see cref="VmFaults"/>'s): add, remove
/// and the lifecycle actions (start = oVirt's "run", stop, shutdown, reboot). The first sentence is oVirt's
/// (<c>Cannot ${action} VM. …</c>); where oVirt stops there, Hotset adds what would work.
/// </summary>
public static class VmActionFaults
{
    public const string RunningCode = "VM_IS_RUNNING";
    public const string NameInUseCode = "VM_NAME_IN_USE";

    public static Fault Busy(string action) => new(
        "VM_OPERATION_IN_PROGRESS", FaultKind.Conflict,
        $"Cannot {action} VM. Related operation is currently in progress. Please try again later.");

    public static Fault AlreadyRunning(Vm vm) => new(
        RunningCode, FaultKind.Conflict,
        $"Cannot run VM. VM is running. VM '{vm.Name}' is {vm.Status.ToOvirtName()}; stop it first to start it again.");

    public static Fault NotRunning(string action, Vm vm) => new(
        "VM_IS_NOT_RUNNING", FaultKind.Conflict,
        $"Cannot {action} VM. VM is not running. VM '{vm.Name}' is {vm.Status.ToOvirtName()}; start it first.");

    public static Fault NotUp(string action, Vm vm) => new(
        "VM_IS_NOT_UP", FaultKind.Conflict,
        $"Cannot {action} VM. VM '{vm.Name}' is {vm.Status.ToOvirtName()}, not Up; wait until it is Up.");

    public static Fault AboveMaxVCpus(Vm vm, int vcpus, int maxVCpus) => new(
        "VM_VCPUS_ABOVE_MAX", FaultKind.Conflict,
        $"Cannot run VM. VM '{vm.Name}' has {vcpus} vCPUs but may start with at most {maxVCpus}; lower its sockets " +
        "or raise its max vCPUs.");

    public static Fault NoHostWithRoom(Vm vm, string clusterName, int vcpus, IReadOnlyList<Host> hostsUp) => new(
        "NO_HOST_WITH_ROOM", FaultKind.Conflict,
        hostsUp.Count == 0
            ? $"Cannot run VM. No host of cluster {clusterName} is Up. Add a host or wait for one to answer, then " +
              $"start VM '{vm.Name}' again."
            : $"Cannot run VM. No Up host of cluster {clusterName} ({string.Join(", ", hostsUp.Select(h => h.Name))}) " +
              $"has room for the {vcpus} vCPUs of VM '{vm.Name}'. Lower its sockets, stop a VM with dedicated CPUs, " +
              "or raise the cluster's vCPU overcommit ratio.");

    public static Fault HostFailed(string action, Vm vm, Host host, string message) => new(
        "HOST_FAILED", FaultKind.HostFailure,
        $"Cannot {action} VM. Host {host.Name} ({host.Address}) failed to {action} VM '{vm.Name}': {message}");

    /// <summary>oVirt's sentence: a VM must be down to be removed.</summary>
    public static Fault RemoveRunning() => new(RunningCode, FaultKind.Conflict, "Cannot remove VM. VM is running.");

    public static Fault NameInUse(string name) => new(
        NameInUseCode, FaultKind.Conflict,
        $"Cannot edit VM. The name '{name}' is already used by another VM; choose another name.");

    public static Fault ClusterChange(Vm vm, string currentCluster, string requestedCluster) => new(
        "VM_CLUSTER_CHANGE_NOT_SUPPORTED", FaultKind.Conflict,
        $"Cannot edit VM. VM {vm.Name} is in cluster {currentCluster}; moving it to cluster {requestedCluster} is " +
        "not supported. Leave cluster out of the update or name the VM's own cluster.");

    /// <summary>oVirt's sentence for a new VM whose name is taken.</summary>
    public static Fault AddNameInUse() => new(
        NameInUseCode, FaultKind.Conflict,
        "Cannot add VM. The VM name is already in use, please choose a unique name and try again.");
}
