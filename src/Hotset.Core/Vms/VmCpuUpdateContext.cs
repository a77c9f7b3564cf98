using Hotset.Core.Config;
using Hotset.Core.Os;

namespace Hotset.Core.Vms;

/// <summary>
/// CPUs the host of a running VM offers (SPEC §4): its cores, or its threads when the cluster counts threads as
/// cores, minus CPUs dedicated to other VMs, times the cluster's vCPU overcommit ratio (1 = the reference).
/// </summary>
public sealed record HostCpuCapacity(int Cores, int Threads, bool CountThreadsAsCores, int CpusDedicatedToOtherVms,
    double OvercommitRatio = 1)
{
    /// <summary>vCPUs (sockets × cores of a VM) the host can run for this VM.</summary>
    public int AvailableCpus =>
        (int)Math.Floor(Math.Max(0, (CountThreadsAsCores ? Threads : Cores) - CpusDedicatedToOtherVms) * OvercommitRatio);
}

/// <summary>A vNUMA cell of a VM and the vCPU indexes it holds.</summary>
public sealed record NumaNode(int Index, IReadOnlyList<int> CpuIds);

/// <summary>Everything <see cref="VmUpdateValidation"/> needs to judge a CPU change of one VM.</summary>
public sealed record VmCpuUpdateContext
{
    public required string VmName { get; init; }

    /// <summary>The topology stored now (the running VM's, when it runs).</summary>
    public required CpuTopology Current { get; init; }

    public required CpuTopology Requested { get; init; }
    public required VmStatus Status { get; init; }

    /// <summary>Limits of the VM's cluster (compatibility version and architecture).</summary>
    public required CpuLimits Limits { get; init; }

    public required GuestOs Os { get; init; }

    /// <summary>The pinning policy after the update.</summary>
    public CpuPinningPolicy PinningPolicy { get; init; } = CpuPinningPolicy.None;

    /// <summary>Manual pinning after the update, engine string form (<c>0#1,2_1#3</c>); null or empty for none.</summary>
    public string? CpuPinning { get; init; }

    /// <summary>Max vCPUs the running VM was started with; 0 when it is not running.</summary>
    public int StartedMaxVCpus { get; init; }

    /// <summary>The host the VM runs on; null when it is not running (no host check then).</summary>
    public HostCpuCapacity? Host { get; init; }

    /// <summary>The VM's vNUMA cells after the update; empty for none.</summary>
    public IReadOnlyList<NumaNode> NumaNodes { get; init; } = [];

    /// <summary>The user asked for <c>next_run</c>: the change is stored for the next start.</summary>
    public bool NextRun { get; init; }

    /// <summary>
    /// The cluster's compatibility version; when set, the requested topology must also fit the max vCPUs the VM could
    /// start with on <see cref="Architecture"/> and <see cref="Chipset"/> (SPEC §6; i440fx's APIC and 240-vCPU limits).
    /// </summary>
    public CompatibilityVersion? Version { get; init; }

    public Architecture Architecture { get; init; } = Architecture.X86_64;
    public Chipset Chipset { get; init; } = Chipset.I440fx;

    /// <summary>
    /// <b>Better:</b> the per-VM max vCPUs after the update, when the user set one; it must hold the requested
    /// vCPUs, be whole sockets, and stay within what the VM can start with (<see cref="MaxVCpus.Ceiling"/>).
    /// </summary>
    public int? MaxVCpusOverride { get; init; }

    public HotSetDecisionInput DecisionInput => new(Current, Requested, Status, NextRun, PinningPolicy);
}
