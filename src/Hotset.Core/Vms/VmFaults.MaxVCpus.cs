using Hotset.Core.Faults;

namespace Hotset.Core.Vms;

/// <summary><b>Better:</b> faults of a per-VM max vCPUs override.</summary>
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
}
