using Hotset.Core.Vms;

namespace Hotset.Engine.Clusters;

/// <summary>A cluster: the compatibility level and architecture its VMs run with, and its CPU accounting.</summary>
public sealed record Cluster
{
    public static readonly Guid DefaultId = Guid.Parse("00000002-0002-0002-0002-0000000003e5");

    public required Guid Id { get; init; }
    public required string Name { get; init; }
    public string Description { get; init; } = "";
    public CompatibilityVersion Version { get; init; } = CompatibilityVersion.Latest;
    public Architecture Architecture { get; init; } = Architecture.X86_64;

    /// <summary>oVirt "count threads as cores": host threads, not cores, are the CPUs VMs may use.</summary>
    public bool CountThreadsAsCores { get; init; }

    /// <summary>vCPUs allowed per host CPU for running VMs (1 = no overcommit, the reference's behaviour).</summary>
    public double VcpuOvercommitRatio { get; init; } = 1;

    public long RowVersion { get; init; }
}
