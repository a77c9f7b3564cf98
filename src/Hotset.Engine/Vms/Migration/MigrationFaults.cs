using Hotset.Core.Faults;
using Hotset.Core.Vms;
using Host = Hotset.Engine.Hosts.Host;

namespace Hotset.Engine.Vms.Migration;

/// <summary>
/// Why a migration is refused before anything starts, or could not start. The first sentence is oVirt's
/// (<c>Cannot migrate VM. …</c>); Hotset adds what is true now and what would work.
/// </summary>
public static class MigrationFaults
{
    public static Fault NotRunning(Vm vm) => new(
        "VM_IS_NOT_RUNNING", FaultKind.Conflict,
        $"Cannot migrate VM. VM is not running. VM '{vm.Name}' is {vm.Status.ToOvirtName()}; start it first.");

    public static Fault NotUp(Vm vm) => new(
        "VM_IS_NOT_UP", FaultKind.Conflict,
        $"Cannot migrate VM. VM '{vm.Name}' is {vm.Status.ToOvirtName()}, not Up; wait until it is Up" +
        (vm.Status == VmStatus.MigratingFrom ? " (or cancel its migration)." : "."));

    public static Fault HostNotFound(string what) => new(
        "HOST_NOT_FOUND", FaultKind.NotFound,
        $"Cannot migrate VM. There is no host {what}; name a host of GET /hosts, or leave the host out to let the " +
        "engine choose.");

    public static Fault SameHost(Vm vm, Host host) => new(
        "MIGRATION_TO_SAME_HOST", FaultKind.Conflict,
        $"Cannot migrate VM. Source and destination Hosts are the same. VM '{vm.Name}' runs on host {host.Name}; " +
        "name another host of its cluster.");

    public static Fault OtherCluster(Vm vm, Host host) => new(
        "MIGRATION_TO_OTHER_CLUSTER", FaultKind.Conflict,
        $"Cannot migrate VM. Host {host.Name} is not in the cluster of VM '{vm.Name}'; Hotset migrates within a " +
        "cluster only. Name a host of the VM's cluster.");

    public static Fault DestinationNotUp(Host host) => new(
        "DESTINATION_HOST_NOT_UP", FaultKind.Conflict,
        $"Cannot migrate VM. Destination host {host.Name} is {host.Status}, not Up; wait until it answers or name " +
        "another host.");

    public static Fault NoOtherHost(Vm vm, string clusterName) => new(
        "NO_HOST_TO_MIGRATE_TO", FaultKind.Conflict,
        $"Cannot migrate VM. No other host of cluster {clusterName} is Up, so VM '{vm.Name}' has nowhere to go. Add " +
        "a host (or wait for one to answer), then migrate again.");

    public static Fault NoHostWithRoom(Vm vm, string clusterName, IEnumerable<Host> hosts) => new(
        "NO_HOST_WITH_ROOM_TO_MIGRATE", FaultKind.Conflict,
        $"Cannot migrate VM. No other Up host of cluster {clusterName} ({string.Join(", ", hosts.Select(h => h.Name))}) " +
        $"can hold the {vm.Configuration.Topology.VCpus} vCPUs (max {vm.StartedMaxVCpus}) of VM '{vm.Name}'. Lower " +
        "its sockets, or raise the cluster's vCPU overcommit ratio.");

    /// <summary>SPEC §4's capacity rule on the destination: the VM's current sockets × cores must fit.</summary>
    public static Fault DestinationTooSmall(Vm vm, Host host, int availableCpus) => new(
        "DESTINATION_HOST_TOO_SMALL", FaultKind.Conflict,
        $"Cannot migrate VM. Host {host.Name} has room for {availableCpus} vCPUs, and VM '{vm.Name}' runs " +
        $"{vm.Configuration.Topology.VCpus}. Choose a larger host, lower the VM's sockets first, or raise the " +
        "cluster's vCPU overcommit ratio.");

    /// <summary>The destination's hypervisor cannot give a VM the max vCPUs this VM was started with.</summary>
    public static Fault DestinationMaxTooLow(Vm vm, Host host, int hostMaxVCpus) => new(
        "DESTINATION_HOST_MAX_VCPUS_TOO_LOW", FaultKind.Conflict,
        $"Cannot migrate VM. VM '{vm.Name}' was started with room for {vm.StartedMaxVCpus} vCPUs, and host " +
        $"{host.Name} can give a VM at most {hostMaxVCpus}. Choose another host, or restart the VM with a lower max.");

    public static Fault HostRefused(Vm vm, Host host, string message) => new(
        "MIGRATION_REFUSED", FaultKind.Conflict,
        $"Cannot migrate VM. Host {host.Name} refused to migrate VM '{vm.Name}': {message} The VM keeps running on " +
        "its host, unchanged.");

    public static Fault HostFailed(Vm vm, Host host, string message) => new(
        "HOST_FAILED", FaultKind.HostFailure,
        $"Cannot migrate VM. Host {host.Name} ({host.Address}) failed while preparing the migration of VM " +
        $"'{vm.Name}': {message} The VM keeps running on its host, unchanged.");

    public static Fault NotMigrating(Vm vm) => new(
        "VM_NOT_MIGRATING", FaultKind.Conflict,
        $"Cannot cancel migration for non migrating VM. VM '{vm.Name}' is {vm.Status.ToOvirtName()}.");
}
