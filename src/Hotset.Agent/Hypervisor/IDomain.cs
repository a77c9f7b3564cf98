namespace Hotset.Agent.Hypervisor;

/// <summary>
/// One running VM as a hypervisor driver offers it: a few capabilities, each usable on its own. Disposing lets go of
/// the driver's connections (and waits for its background work); the VM keeps running.
/// </summary>
public interface IDomain : IAsyncDisposable
{
    string VmId { get; }

    /// <summary>The VM's live vCPUs (hot plug and unplug).</summary>
    IVcpuControl Vcpus { get; }

    /// <summary>The guest OS's own view of its CPUs.</summary>
    IGuestCpus GuestCpus { get; }

    /// <summary>The VM's process: power button, stop, and its end.</summary>
    IDomainLifetime Lifetime { get; }
}
