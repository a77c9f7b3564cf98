using System.Text.Json.Serialization;

namespace Hotset.Core.Agent;

/// <summary>One VM as its host sees it now (VDSM's <c>VM.getStats</c> entry).</summary>
public sealed record VmStats
{
    [JsonPropertyName("vmId")] public required string VmId { get; init; }

    /// <summary>VDSM status words: <c>Up</c>, <c>Down</c>, <c>Powering up</c>, <c>Paused</c>, <c>Migration Source</c>, <c>Migration Destination</c>.</summary>
    [JsonPropertyName("status")] public required string Status { get; init; }

    /// <summary>vCPUs QEMU has now; -1 when QEMU does not answer.</summary>
    [JsonPropertyName("vcpuCount")] public int VcpuCount { get; init; } = -1;

    /// <summary>CPUs the guest OS has online (guest agent); -1 when the guest agent does not answer.</summary>
    [JsonPropertyName("guestCPUCount")] public int GuestCpuCount { get; init; } = -1;

    /// <summary>Guest logical CPU ids that are online; empty when unknown.</summary>
    [JsonPropertyName("guestCpusOnline")] public IReadOnlyList<int> GuestCpusOnline { get; init; } = [];

    /// <summary>Host thread id of each vCPU, by vCPU index.</summary>
    [JsonPropertyName("vcpuThreadIds")] public IReadOnlyList<int> VcpuThreadIds { get; init; } = [];

    /// <summary>Share of the guest's CPUs busy over the last sampling period, 0–100; -1 when unknown.</summary>
    [JsonPropertyName("cpuUsagePercent")] public double CpuUsagePercent { get; init; } = -1;

    /// <summary>
    /// Share busy of each guest CPU over the last sampling period, 0–100, by guest CPU index (the guest agent's
    /// <c>guest-get-cpustats</c>); empty when unknown.
    /// </summary>
    [JsonPropertyName("guestCpuUsage")] public IReadOnlyList<GuestCpuUsage> GuestCpuUsage { get; init; } = [];

    /// <summary>Indexes (vCPU slots) of the vCPUs QEMU has now, ascending; what <c>VM.migrationCreate</c> takes as <c>vcpuSlots</c>.</summary>
    [JsonPropertyName("vcpuSlots")] public IReadOnlyList<int> VcpuSlots { get; init; } = [];

    /// <summary>Progress of the VM's running migration, 0–100 (share of its memory sent); null when it is not migrating.</summary>
    [JsonPropertyName("migrationProgress")] public int? MigrationProgress { get; init; }

    [JsonPropertyName("exitMessage")] public string? ExitMessage { get; init; }

    /// <summary>
    /// VDSM's <c>exitCode</c> of a Down VM: <see cref="VmExitCodes.Normal"/> when it was shut down or stopped,
    /// <see cref="VmExitCodes.Error"/> when its hypervisor process ended on its own (a crash, a kill, a panic).
    /// </summary>
    [JsonPropertyName("exitCode")] public int ExitCode { get; init; }
}

/// <summary>VDSM's exit codes of a Down VM (<c>vmexitreason</c>'s NORMAL and ERROR).</summary>
public static class VmExitCodes
{
    public const int Normal = 0;
    public const int Error = 1;
}

/// <summary>How busy one guest CPU was over the last sampling period, 0–100.</summary>
public sealed record GuestCpuUsage(
    [property: JsonPropertyName("cpu")] int Cpu,
    [property: JsonPropertyName("percent")] double Percent);
