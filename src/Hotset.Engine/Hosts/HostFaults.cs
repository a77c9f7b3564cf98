using Hotset.Core.Faults;

namespace Hotset.Engine.Hosts;

/// <summary>Faults of the host commands; the first sentence is oVirt's (<c>Cannot ${action} Host. …</c>).</summary>
public static class HostFaults
{
    public static Fault NameInUse() => new(
        "HOST_NAME_IN_USE", FaultKind.Conflict,
        "Cannot add Host. The Host name is already in use, please choose a unique name and try again.");

    public static Fault HasVms(Host host) => new(
        "HOST_HAS_VMS", FaultKind.Conflict,
        $"Cannot remove Host. Host {host.Name} runs VMs; stop or migrate them first.");
}
