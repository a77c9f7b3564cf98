namespace Hotset.Core.Agent;

/// <summary>
/// The engine's view of one host agent. Every method throws <see cref="AgentException"/> when the agent answers
/// with an error or cannot be reached; nothing else is expected.
/// </summary>
public interface IAgentClient
{
    Task<HostCapabilities> GetCapabilitiesAsync(CancellationToken ct);

    Task<IReadOnlyList<VmStats>> GetAllVmStatsAsync(CancellationToken ct);

    Task<VmStats> GetStatsAsync(string vmId, CancellationToken ct);

    Task CreateAsync(VmDefinition definition, CancellationToken ct);

    Task DestroyAsync(string vmId, CancellationToken ct);

    Task ShutdownAsync(string vmId, int delaySeconds, CancellationToken ct);

    /// <summary><c>VM.setNumberOfCpus</c> with the new total of vCPUs.</summary>
    Task SetNumberOfCpusAsync(string vmId, int numberOfCpus, CancellationToken ct);

    /// <summary><c>VM.migrationCreate</c> on the destination: QEMU waits for the VM; answers where to send it.</summary>
    Task<MigrationCreateResult> MigrationCreateAsync(MigrationCreateCall call, CancellationToken ct);

    /// <summary><c>VM.migrate</c> on the source: starts sending the VM; answers at once (status <c>setup</c>).</summary>
    Task<MigrationStatus> MigrateAsync(MigrateCall call, CancellationToken ct);

    /// <summary><c>VM.migrateStatus</c>: the VM's last migration on this host.</summary>
    Task<MigrationStatus> MigrateStatusAsync(string vmId, CancellationToken ct);

    /// <summary><c>VM.migrateCancel</c> on the source.</summary>
    Task<MigrationStatus> MigrateCancelAsync(string vmId, CancellationToken ct);

    /// <summary><c>VM.setGuestCpus</c>: online or offline CPUs inside the guest (guest agent); the vCPUs stay plugged.</summary>
    Task SetGuestCpusAsync(string vmId, IReadOnlyList<GuestCpuState> cpus, CancellationToken ct) =>
        throw new AgentException(AgentErrorCodes.GeneralError, "This host agent client cannot set guest CPUs.");
}
