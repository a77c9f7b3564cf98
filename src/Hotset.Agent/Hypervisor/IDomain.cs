namespace Hotset.Agent.Hypervisor;

/// <summary>One running VM as the hypervisor layer sees it. Disposing lets go of its sockets; QEMU keeps running.</summary>
public interface IDomain : IVcpuControl, IGuestCpus, IAsyncDisposable
{
    string VmId { get; }

    /// <summary>Process id of QEMU on this host.</summary>
    int ProcessId { get; }

    /// <summary>Completes when QEMU exits, with its exit message (serial log tail or QEMU's stderr).</summary>
    Task<string> Exited { get; }

    /// <summary>Asks the guest to power off (ACPI power button).</summary>
    Task ShutdownAsync(CancellationToken ct);

    /// <summary>Stops QEMU now (QMP <c>quit</c>, then a kill), and removes its run directory files.</summary>
    Task DestroyAsync(CancellationToken ct);
}
