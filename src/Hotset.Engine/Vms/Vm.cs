using Hotset.Core.Vms;

namespace Hotset.Engine.Vms;

/// <summary>A VM as the engine stores it: its configuration, what is pending for next run, and its runtime state.</summary>
public sealed record Vm
{
    public required Guid Id { get; init; }
    public required Guid ClusterId { get; init; }
    public Guid? TemplateId { get; init; }
    public required VmConfiguration Configuration { get; init; }

    /// <summary>Changes that wait for the next start (oVirt's next-run configuration); null when nothing is pending.</summary>
    public VmConfiguration? NextRun { get; init; }

    public VmStatus Status { get; init; } = VmStatus.Down;
    public Guid? RunOnHostId { get; init; }

    /// <summary>Max vCPUs the running VM was started with; 0 while it is down.</summary>
    public int StartedMaxVCpus { get; init; }

    /// <summary>vCPUs the hypervisor reports now; -1 when unknown.</summary>
    public int VcpuCount { get; init; } = -1;

    /// <summary>CPUs the guest OS reports online; -1 when unknown.</summary>
    public int GuestCpuCount { get; init; } = -1;

    /// <summary>The VM's vNUMA cells (oVirt's <c>numanodes</c>), by index; empty for none. Changed only while it is down.</summary>
    public IReadOnlyList<VmNumaNode> NumaNodes { get; init; } = [];

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Optimistic concurrency: bumped by every write; a write with a stale version fails.</summary>
    public long Version { get; init; }

    public string Name => Configuration.Name;
}
