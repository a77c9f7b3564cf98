using System.Text.Json.Serialization;

namespace Hotset.Core.Agent;

/// <summary>
/// What the engine sends to start a VM (VDSM's <c>vmParams</c>). <see cref="NumberOfCpus"/> vCPUs run at start;
/// the VM can grow to <see cref="MaxVCpus"/> while running. A VM without <see cref="Kernel"/> boots the test guest
/// bundled with the agent.
/// </summary>
public sealed record VmDefinition
{
    [JsonPropertyName("vmId")] public required string VmId { get; init; }
    [JsonPropertyName("vmName")] public required string VmName { get; init; }

    /// <summary>Guest memory in MiB.</summary>
    [JsonPropertyName("memSize")] public int MemSizeMiB { get; init; } = 128;

    [JsonPropertyName("smp")] public int NumberOfCpus { get; init; } = 1;
    [JsonPropertyName("smpCoresPerSocket")] public int CoresPerSocket { get; init; } = 1;
    [JsonPropertyName("smpThreadsPerCore")] public int ThreadsPerCore { get; init; } = 1;
    [JsonPropertyName("maxVCpus")] public int MaxVCpus { get; init; } = 16;

    /// <summary>oVirt OS type name (e.g. <c>other_linux</c>); hooks see it.</summary>
    [JsonPropertyName("os")] public string OsType { get; init; } = "other_linux";

    /// <summary>QEMU machine type: <c>pc</c> (i440fx) or <c>q35</c>.</summary>
    [JsonPropertyName("emulatedMachine")] public string Machine { get; init; } = "pc";

    [JsonPropertyName("kernel")] public string? Kernel { get; init; }
    [JsonPropertyName("initrd")] public string? Initrd { get; init; }
    [JsonPropertyName("kernelArgs")] public string? KernelArgs { get; init; }

    /// <summary>Manual pinning: vCPU index → host CPU set in cpuset syntax ("0-2,^1"). VDSM's <c>cpuPinning</c>.</summary>
    [JsonPropertyName("cpuPinning")] public IReadOnlyDictionary<string, string>? CpuPinning { get; init; }

    /// <summary>
    /// oVirt's CPU pinning policy name (<c>none</c>, <c>manual</c>, <c>dedicated</c>, <c>isolate_threads</c>…); the
    /// host CPUs a <c>dedicated</c> or <c>isolate_threads</c> VM is pinned to leave the shared pool of the others.
    /// </summary>
    [JsonPropertyName("cpuPolicy")] public string? CpuPolicy { get; init; }

    /// <summary>
    /// vNUMA cells (VDSM's <c>guestNumaNodes</c>); null or empty for none. vCPUs no cell lists, and those not plugged
    /// yet, are spread over the cells round-robin (<see cref="Vms.NumaCells"/>).
    /// </summary>
    [JsonPropertyName("guestNumaNodes")] public IReadOnlyList<GuestNumaNode>? GuestNumaNodes { get; init; }
}

/// <summary>One vNUMA cell: its index, the vCPUs it holds (cpuset syntax, e.g. <c>0,2</c>) and its memory in MiB.</summary>
public sealed record GuestNumaNode
{
    [JsonPropertyName("nodeIndex")] public int NodeIndex { get; init; }
    [JsonPropertyName("cpus")] public string Cpus { get; init; } = "";
    [JsonPropertyName("memory")] public int MemoryMiB { get; init; }
}
