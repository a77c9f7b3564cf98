using Hotset.Core.Faults;

namespace Hotset.Core.Vms;

/// <summary><b>Better:</b> faults of a per-VM max vCPUs override and of a migration that could not keep the VM's max.</summary>
public static partial class VmFaults
{
    public static Fault MaxVCpusOverrideBelowVCpus(int max, int vcpus) => new(
        "MAX_VCPUS_OVERRIDE_BELOW_VCPUS", FaultKind.Conflict,
        $"{EditPrefix} The maximum number of vCPUs ({max}) is lower than the VM's {vcpus} vCPUs; set it to at least {vcpus}.");

    public static Fault MaxVCpusOverrideNotWholeSockets(int max, int cpusPerSocket) => new(
        "MAX_VCPUS_OVERRIDE_NOT_WHOLE_SOCKETS", FaultKind.Conflict,
        $"{EditPrefix} The maximum number of vCPUs ({max}) must be a multiple of the {cpusPerSocket} vCPUs in one "
        + $"socket, for example {Math.Max(cpusPerSocket, max / cpusPerSocket * cpusPerSocket)}.");

    public static Fault MaxVCpusOverrideTooHigh(int max, int ceiling) => new(
        "MAX_VCPUS_OVERRIDE_TOO_HIGH", FaultKind.Conflict,
        $"{EditPrefix} The maximum number of vCPUs ({max}) is more than this VM can start with ({ceiling} with its "
        + "topology, chipset and the cluster's limits); set it to at most " + ceiling + ".");

    /// <summary>SPEC §10: refused before migrating, so the VM keeps running where it is.</summary>
    public static Fault MigrationDestinationMaxVCpus(string vmName, string hostName, int startedMax, int hostMax) => new(
        "MIGRATION_DESTINATION_MAX_VCPUS", FaultKind.Conflict,
        $"Cannot migrate VM. VM {vmName} was started with room for {startedMax} vCPUs, but host {hostName} supports at "
        + $"most {hostMax} vCPUs per VM. Migrate it to a host that supports {startedMax} vCPUs, or restart it first so "
        + "it starts with a lower maximum.");

    /// <summary>SPEC §10: the destination must also have room for the vCPUs the VM runs now.</summary>
    public static Fault MigrationDestinationCpus(string vmName, string hostName, int vcpus, int available) => new(
        "MIGRATION_DESTINATION_CPUS", FaultKind.Conflict,
        $"Cannot migrate VM. VM {vmName} runs {vcpus} vCPUs, but host {hostName} has {available} CPUs available. "
        + "Choose another host, or lower the VM's CPUs first.");
}
