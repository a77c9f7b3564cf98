using System.Text.Json.Serialization;

namespace Hotset.Core.Agent;

/// <summary>What a host offers (VDSM's <c>Host.getCapabilities</c>, cut to what Hotset uses).</summary>
public sealed record HostCapabilities
{
    [JsonPropertyName("hostName")] public required string HostName { get; init; }
    [JsonPropertyName("cpuSockets")] public int CpuSockets { get; init; }
    [JsonPropertyName("cpuCores")] public int CpuCores { get; init; }
    [JsonPropertyName("cpuThreads")] public int CpuThreads { get; init; }

    /// <summary>Host CPU ids that are online.</summary>
    [JsonPropertyName("onlineCpus")] public IReadOnlyList<int> OnlineCpus { get; init; } = [];

    [JsonPropertyName("qemuVersion")] public required string QemuVersion { get; init; }
    [JsonPropertyName("emulatedMachines")] public IReadOnlyList<string> EmulatedMachines { get; init; } = [];

    /// <summary>Most vCPUs one VM may have on this host (per machine type; the lowest when several).</summary>
    [JsonPropertyName("maxVCpus")] public int MaxVCpus { get; init; }

    [JsonPropertyName("version")] public required string AgentVersion { get; init; }

    /// <summary>True when the agent drives QEMU through libvirt rather than QMP directly.</summary>
    [JsonPropertyName("libvirt")] public bool UsesLibvirt { get; init; }

    /// <summary>The agent's hypervisor driver: <c>qemu</c>, or <c>simulated</c> for a host that runs no real VMs.</summary>
    [JsonPropertyName("hypervisor")] public string Hypervisor { get; init; } = "qemu";
}
