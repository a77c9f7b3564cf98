using Hotset.Core.Agent;

namespace Hotset.Agent.Hypervisor;

/// <summary>Starts VMs on this host and finds them again after the agent restarts.</summary>
public interface IHypervisor
{
    /// <summary>QEMU version, machine types and limits of this host.</summary>
    Task<HypervisorInfo> GetInfoAsync(CancellationToken ct);

    /// <summary>
    /// Starts the VM with its sockets (QMP, guest agent, serial log) under <paramref name="runDirectory"/>, and returns
    /// once QMP answers and the starting vCPUs are plugged. Throws <see cref="HypervisorException"/> when QEMU fails.
    /// </summary>
    Task<IDomain> StartAsync(VmDefinition definition, string runDirectory, CancellationToken ct);

    /// <summary>Re-attaches to a VM started earlier through its QMP socket; null when its QEMU is gone.</summary>
    Task<IDomain?> AttachAsync(VmDefinition definition, string runDirectory, CancellationToken ct);
}

/// <summary>What the hypervisor of this host offers.</summary>
public sealed record HypervisorInfo(string QemuVersion, IReadOnlyList<string> Machines, int MaxVCpus, bool UsesLibvirt)
{
    /// <summary>The driver: <c>qemu</c> or <c>simulated</c>.</summary>
    public string Name { get; init; } = "qemu";
}
