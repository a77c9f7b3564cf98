using Hotset.Core.Faults;
using Hotset.Core.Vms;
using Hotset.Engine.Audit;

namespace Hotset.Engine.Vms.Preview;

/// <summary>What <c>PUT /vms/{id}</c> with one sockets value would do now (SPEC §13).</summary>
public enum CpuOptionOutcome
{
    /// <summary>The VM keeps the CPUs it has.</summary>
    Unchanged,

    /// <summary>Sockets are added to the running VM at once.</summary>
    HotPlug,

    /// <summary>Sockets are removed from the running VM at once.</summary>
    HotUnplug,

    /// <summary>The change is stored and used at the next start (<see cref="CpuOption.Reason"/> says why).</summary>
    NextRun,

    /// <summary>The update answers 200 but the hot-set step refuses the CPU change (<see cref="CpuOption.Event"/>, 2034).</summary>
    NotApplied,

    /// <summary>The update is refused with <see cref="CpuOption.Faults"/> (400/409); nothing changes.</summary>
    Refused,
}

/// <summary>One sockets value (cores and threads as stored) and the outcome of an update to it.</summary>
public sealed record CpuOption(int Sockets, int VCpus, CpuOptionOutcome Outcome)
{
    /// <summary>Why the change waits for the next start; only with <see cref="CpuOptionOutcome.NextRun"/>.</summary>
    public string? Reason { get; init; }

    /// <summary>The event 2034 the update would log; only with <see cref="CpuOptionOutcome.NotApplied"/>.</summary>
    public AuditEvent? Event { get; init; }

    /// <summary>The faults the update would answer with; only with <see cref="CpuOptionOutcome.Refused"/>.</summary>
    public IReadOnlyList<Fault> Faults { get; init; } = [];
}

/// <summary>
/// The hot-set preview of one VM: the topology an update patches (<see cref="NextRun"/>: the next-run one), the
/// counts known now, the max vCPUs and one <see cref="CpuOption"/> per sockets value from 1 up.
/// </summary>
public sealed record CpuOptions(Vm Vm, bool NextRun, CpuTopology Topology, int MaxVCpus, bool UnplugAllowed,
    IReadOnlyList<CpuOption> Options)
{
    public int ConfiguredVCpus => Topology.VCpus;

    /// <summary>vCPUs the hypervisor reports, as monitoring stored them; null when the VM is down or it is unknown.</summary>
    public int? VcpuCount => Vm.Status != VmStatus.Down && Vm.VcpuCount >= 0 ? Vm.VcpuCount : null;

    /// <summary>CPUs the guest reports online, as monitoring stored them; null when the VM is down or it is unknown.</summary>
    public int? GuestCpuCount => Vm.Status != VmStatus.Down && Vm.GuestCpuCount >= 0 ? Vm.GuestCpuCount : null;
}
