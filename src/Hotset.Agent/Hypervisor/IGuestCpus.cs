using Hotset.Core.Agent;

namespace Hotset.Agent.Hypervisor;

/// <summary>The guest OS's own view of its CPUs, through the QEMU guest agent.</summary>
public interface IGuestCpus
{
    /// <summary>Logical CPU ids online in the guest; null when the guest agent does not answer in time.</summary>
    Task<IReadOnlyList<int>?> GetGuestOnlineCpusAsync(CancellationToken ct);

    /// <summary>Share of guest CPU time busy since the previous call, 0–100; null when unknown.</summary>
    Task<double?> GetGuestCpuUsageAsync(CancellationToken ct);

    /// <summary>Share busy of each guest CPU over the period <see cref="GetGuestCpuUsageAsync"/> measured last; empty when unknown.</summary>
    IReadOnlyList<GuestCpuUsage> LastPerCpuUsage => [];

    /// <summary>
    /// Onlines or offlines CPUs inside the guest (<c>guest-set-vcpus</c>); the hypervisor's vCPUs stay. Throws
    /// <see cref="HypervisorException"/> when the guest does not do it.
    /// </summary>
    Task SetGuestCpusAsync(IReadOnlyList<GuestCpuState> cpus, CancellationToken ct) =>
        throw new HypervisorException("This hypervisor cannot online or offline CPUs inside the guest.");
}
