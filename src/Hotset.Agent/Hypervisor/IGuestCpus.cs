namespace Hotset.Agent.Hypervisor;

/// <summary>The guest OS's own view of its CPUs, through the QEMU guest agent.</summary>
public interface IGuestCpus
{
    /// <summary>Logical CPU ids online in the guest; null when the guest agent does not answer in time.</summary>
    Task<IReadOnlyList<int>?> GetGuestOnlineCpusAsync(CancellationToken ct);

    /// <summary>Share of guest CPU time busy since the previous call, 0–100; null when unknown.</summary>
    Task<double?> GetGuestCpuUsageAsync(CancellationToken ct);
}
