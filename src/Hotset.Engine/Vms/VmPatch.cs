using Hotset.Core.Vms;

namespace Hotset.Engine.Vms;

/// <summary>
/// A partial update of a VM as the REST API received it: only non-null members change (oVirt's PUT semantics).
/// </summary>
public sealed record VmPatch
{
    public string? Name { get; init; }
    public string? Description { get; init; }
    public string? Comment { get; init; }
    public int? Sockets { get; init; }
    public int? Cores { get; init; }
    public int? Threads { get; init; }
    public int? MemoryMiB { get; init; }
    public string? OsType { get; init; }
    public Chipset? Chipset { get; init; }
    public CpuPinningPolicy? CpuPinningPolicy { get; init; }

    /// <summary>Engine string form <c>0#1,2_1#3</c>; empty string clears the pinning.</summary>
    public string? CpuPinning { get; init; }

    public int? MaxVCpusOverride { get; init; }
    /// <summary>Direct kernel boot; an empty string clears it (as for <see cref="Initrd"/> and <see cref="KernelArgs"/>).</summary>
    public string? Kernel { get; init; }
    public string? Initrd { get; init; }
    public string? KernelArgs { get; init; }

    /// <summary>This patch applied to <paramref name="config"/>.</summary>
    public VmConfiguration ApplyTo(VmConfiguration config) => config with
    {
        Name = Name ?? config.Name,
        Description = Description ?? config.Description,
        Comment = Comment ?? config.Comment,
        Topology = new CpuTopology(
            Sockets ?? config.Topology.Sockets, Cores ?? config.Topology.Cores, Threads ?? config.Topology.Threads),
        MemoryMiB = MemoryMiB ?? config.MemoryMiB,
        OsType = OsType ?? config.OsType,
        Chipset = Chipset ?? config.Chipset,
        CpuPinningPolicy = CpuPinningPolicy ?? config.CpuPinningPolicy,
        CpuPinning = CpuPinning is null ? config.CpuPinning : CpuPinning.Length == 0 ? null : CpuPinning,
        MaxVCpusOverride = MaxVCpusOverride ?? config.MaxVCpusOverride,
        Kernel = OrNone(Kernel, config.Kernel),
        Initrd = OrNone(Initrd, config.Initrd),
        KernelArgs = OrNone(KernelArgs, config.KernelArgs),
    };

    /// <summary>
    /// <paramref name="value"/> when given, else <paramref name="current"/>; an empty string means none, as the stored
    /// "no kernel" (the test guest) is null, so an empty kernel never makes a configuration differ.
    /// </summary>
    private static string? OrNone(string? value, string? current) =>
        value is null ? current : value.Length == 0 ? null : value;
}
