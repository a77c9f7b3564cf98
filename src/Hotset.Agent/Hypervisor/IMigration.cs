using Hotset.Core.Agent;

namespace Hotset.Agent.Hypervisor;

/// <summary>
/// A hypervisor that can receive a live migration (QEMU started with <c>-incoming</c>). Optional: a driver without it
/// (the simulated one) answers "not supported".
/// </summary>
public interface IIncomingMigration
{
    /// <summary>
    /// Starts QEMU for <paramref name="definition"/> with the vCPUs of <paramref name="vcpuSlots"/> as devices, waiting
    /// for the VM's state on a new listen address; returns the domain (not running yet) and that address.
    /// </summary>
    Task<(IDomain Domain, string IncomingUri)> StartIncomingAsync(
        VmDefinition definition, IReadOnlyList<int> vcpuSlots, string runDirectory, CancellationToken ct);
}

/// <summary>The live migration of one running VM, as QEMU's migration commands offer it. Optional, like <see cref="IIncomingMigration"/>.</summary>
public interface IDomainMigration
{
    /// <summary>Why this VM cannot be migrated now (checked before anything starts); null when it can.</summary>
    Task<string?> RefusalAsync(CancellationToken ct);

    /// <summary>Starts sending the VM to <paramref name="uri"/> (QMP <c>migrate</c>, with the return path on).</summary>
    Task StartOutgoingAsync(string uri, long maxBandwidthBytesPerSecond, CancellationToken ct);

    /// <summary>QMP <c>query-migrate</c>: the migration as QEMU sees it (outgoing on a source, incoming on a destination).</summary>
    Task<MigrationProgress> QueryAsync(CancellationToken ct);

    /// <summary>QMP <c>migrate_cancel</c>.</summary>
    Task CancelAsync(CancellationToken ct);

    /// <summary>Resumes the guest (<c>cont</c>) when QEMU holds it paused; true when it had to.</summary>
    Task<bool> ResumeIfPausedAsync(CancellationToken ct);

    /// <summary>True when the guest runs (QMP <c>query-status</c>).</summary>
    Task<bool> IsRunningAsync(CancellationToken ct);
}

/// <summary>One <c>query-migrate</c> answer: QEMU's status word and its figures (ms, bytes).</summary>
public sealed record MigrationProgress(
    string Status, long TotalTimeMs, long DowntimeMs, long SetupTimeMs, long RamTotal, long RamRemaining, string? Error)
{
    public int Percent => Status == MigrationStatus.Completed ? 100
        : RamTotal > 0 ? (int)Math.Clamp((RamTotal - RamRemaining) * 100 / RamTotal, 0, 99) : 0;
}

/// <summary>A domain whose driver can migrate it live.</summary>
public interface IMigratableDomain
{
    IDomainMigration Migration { get; }
}
