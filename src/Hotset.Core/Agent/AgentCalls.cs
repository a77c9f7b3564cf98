using System.Text.Json.Serialization;

namespace Hotset.Core.Agent;

/// <summary>Parameters of <c>VM.setNumberOfCpus</c>: the new <b>total</b> of vCPUs (sockets × cores × threads).</summary>
public sealed record SetNumberOfCpusCall(
    [property: JsonPropertyName("vmID")] string VmId,
    [property: JsonPropertyName("numberOfCpus")] int NumberOfCpus);

/// <summary>Parameters of the verbs that name only a VM: <c>VM.destroy</c>, <c>VM.shutdown</c>, <c>VM.getStats</c>.</summary>
public sealed record VmIdCall([property: JsonPropertyName("vmID")] string VmId);

/// <summary>Parameters of <c>VM.create</c>.</summary>
public sealed record CreateVmCall(
    [property: JsonPropertyName("vmID")] string VmId,
    [property: JsonPropertyName("vmParams")] VmDefinition VmParams);

/// <summary>Parameters of <c>VM.shutdown</c>: a guest shutdown (ACPI power button), then power off after the delay.</summary>
public sealed record ShutdownVmCall(
    [property: JsonPropertyName("vmID")] string VmId,
    [property: JsonPropertyName("delay")] int DelaySeconds = 30,
    [property: JsonPropertyName("message")] string? Message = null);

/// <summary>
/// Parameters of <c>VM.migrationCreate</c> (destination): the VM as <c>VM.create</c> takes it, and the vCPU slots plugged
/// on the source now (<see cref="VmStats.VcpuSlots"/>; 0 is the boot vCPU). Without <c>vcpuSlots</c>: 0 … smp−1.
/// </summary>
public sealed record MigrationCreateCall(
    [property: JsonPropertyName("vmID")] string VmId,
    [property: JsonPropertyName("vmParams")] VmDefinition VmParams,
    [property: JsonPropertyName("vcpuSlots")] IReadOnlyList<int>? VcpuSlots = null);

/// <summary>What <c>VM.migrationCreate</c> answers: where the source sends the VM (<c>unix:/…</c> or <c>tcp:host:port</c>).</summary>
public sealed record MigrationCreateResult(
    [property: JsonPropertyName("vmId")] string VmId,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("incomingUri")] string IncomingUri);

/// <summary>
/// Parameters of <c>VM.migrate</c> (source): the destination's <c>incomingUri</c> from <c>VM.migrationCreate</c>;
/// <c>maxBandwidth</c> in MiB/s (VDSM's name); the longest stay in QEMU's <c>setup</c> phase and the longest
/// migration, in seconds, after which it is cancelled.
/// </summary>
public sealed record MigrateCall(
    [property: JsonPropertyName("vmID")] string VmId,
    [property: JsonPropertyName("incomingUri")] string IncomingUri,
    [property: JsonPropertyName("maxBandwidth")] int? MaxBandwidthMiBps = null,
    [property: JsonPropertyName("setupTimeout")] double? SetupTimeoutSeconds = null,
    [property: JsonPropertyName("timeout")] double? TimeoutSeconds = null);

/// <summary>The last migration of a VM on this host (<c>VM.migrateStatus</c>; also <c>VM.migrate</c>'s answer).</summary>
public sealed record MigrationStatus
{
    public const string None = "none";
    public const string Setup = "setup";
    public const string Active = "active";
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";

    [JsonPropertyName("vmId")] public required string VmId { get; init; }

    /// <summary><c>source</c> or <c>destination</c>; empty when the VM never migrated here.</summary>
    [JsonPropertyName("role")] public string Role { get; init; } = "";

    /// <summary><c>none</c>, <c>setup</c>, <c>active</c>, <c>completed</c>, <c>failed</c> or <c>cancelled</c>.</summary>
    [JsonPropertyName("status")] public required string Status { get; init; }

    /// <summary>Share of the VM's memory sent, 0–100.</summary>
    [JsonPropertyName("progress")] public int Progress { get; init; }

    /// <summary>What happened, for a person (why it failed, where the VM runs now).</summary>
    [JsonPropertyName("message")] public string Message { get; init; } = "";

    [JsonPropertyName("incomingUri")] public string IncomingUri { get; init; } = "";

    /// <summary>QEMU's <c>total-time</c>, ms.</summary>
    [JsonPropertyName("totalTimeMs")] public long TotalTimeMs { get; init; }

    /// <summary>QEMU's <c>downtime</c> (the guest paused for the switch-over), ms; -1 until completed.</summary>
    [JsonPropertyName("downtimeMs")] public long DowntimeMs { get; init; } = -1;

    /// <summary>True once the migration has ended (completed, failed or cancelled).</summary>
    [JsonPropertyName("finished")] public bool Finished { get; init; }
}

/// <summary>
/// Parameters of <c>VM.setGuestCpus</c>: onlines or offlines CPUs inside the guest through its guest agent
/// (<c>guest-set-vcpus</c>); the hypervisor's vCPUs, and their pins, stay as they are.
/// </summary>
public sealed record SetGuestCpusCall(
    [property: JsonPropertyName("vmID")] string VmId,
    [property: JsonPropertyName("cpus")] IReadOnlyList<GuestCpuState> Cpus);

/// <summary>One guest CPU (its logical id, = the vCPU index) and whether it should be online.</summary>
public sealed record GuestCpuState(
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("online")] bool Online);
