using Hotset.Core.Faults;

namespace Hotset.Core.Vms;

/// <summary>SPEC §4's vNUMA rules on their own, for a change of a VM's cells (an update of a VM runs them with the rest).</summary>
public static class NumaRules
{
    public static IReadOnlyList<Fault> Validate(IReadOnlyList<NumaNode> nodes, CpuTopology topology) =>
        [.. VmCpuRules.Numa(nodes, topology)];
}
