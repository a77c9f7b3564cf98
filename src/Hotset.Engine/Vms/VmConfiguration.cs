using Hotset.Core.Vms;

namespace Hotset.Engine.Vms;

/// <summary>
/// The editable part of a VM: what an update changes and what a pending next-run configuration holds.
/// Memory in MiB; <see cref="CpuPinning"/> in the engine's string form (<c>0#1,2_1#3</c>).
/// </summary>
public sealed record VmConfiguration
{
    public required string Name { get; init; }
    public string Description { get; init; } = "";
    public string Comment { get; init; } = "";
    public CpuTopology Topology { get; init; } = new(1, 1, 1);
    public int MemoryMiB { get; init; } = 128;

    /// <summary>oVirt OS type id (osinfo name), e.g. <c>other_linux</c>.</summary>
    public string OsType { get; init; } = "other_linux";

    public Chipset Chipset { get; init; } = Chipset.I440fx;
    public CpuPinningPolicy CpuPinningPolicy { get; init; } = CpuPinningPolicy.None;
    public string? CpuPinning { get; init; }

    /// <summary>Max vCPUs the VM starts with, when set; otherwise computed from the rules (SPEC §6).</summary>
    public int? MaxVCpusOverride { get; init; }

    /// <summary>Direct kernel boot; none of the three means "boot the host's test guest".</summary>
    public string? Kernel { get; init; }
    public string? Initrd { get; init; }
    public string? KernelArgs { get; init; }

    /// <summary>
    /// This configuration as the next-run configuration of a VM that runs <paramref name="live"/>: null when the two
    /// are the same (nothing is pending).
    /// </summary>
    public VmConfiguration? AsNextRunOf(VmConfiguration live) => this == live ? null : this;
}
