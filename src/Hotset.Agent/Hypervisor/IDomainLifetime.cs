namespace Hotset.Agent.Hypervisor;

/// <summary>The process that runs one VM (QEMU, whether started directly or by libvirt): power and its end.</summary>
public interface IDomainLifetime
{
    /// <summary>Process id of the VM's QEMU on this host.</summary>
    int ProcessId { get; }

    /// <summary>Completes when the VM's process exits, with its exit message (serial log tail or the driver's text).</summary>
    Task<string> Exited { get; }

    /// <summary>Asks the guest to power off (ACPI power button).</summary>
    Task ShutdownAsync(CancellationToken ct);

    /// <summary>Stops the VM's process now, and removes its run files.</summary>
    Task DestroyAsync(CancellationToken ct);
}
