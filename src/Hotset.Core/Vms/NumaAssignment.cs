namespace Hotset.Core.Vms;

/// <summary>
/// SPEC §10: the vCPUs a VM starts without (indexes from its current count up to its max) still need a vNUMA cell,
/// so a later hot plug lands in one. They are dealt to the cells round-robin, in cell index order.
/// </summary>
public static class NumaAssignment
{
    /// <summary>
    /// <paramref name="nodes"/> with every vCPU in [<paramref name="onlineVCpus"/>, <paramref name="maxVCpus"/>) that no
    /// cell holds yet added to the cells in turn; cells keep their own ids, sorted. No cells: nothing to assign.
    /// </summary>
    public static IReadOnlyList<NumaNode> AssignOffline(IReadOnlyList<NumaNode> nodes, int onlineVCpus, int maxVCpus)
    {
        if (nodes.Count == 0)
        {
            return nodes;
        }

        var ordered = nodes.OrderBy(n => n.Index).ToList();
        var cpus = ordered.Select(n => new SortedSet<int>(n.CpuIds)).ToList();
        var taken = cpus.SelectMany(c => c).ToHashSet();
        var next = 0;
        for (var vcpu = Math.Max(0, onlineVCpus); vcpu < maxVCpus; vcpu++)
        {
            if (taken.Contains(vcpu))
            {
                continue;
            }

            cpus[next].Add(vcpu);
            next = (next + 1) % cpus.Count;
        }

        return [.. ordered.Select((n, i) => n with { CpuIds = [.. cpus[i]] })];
    }

    /// <summary>The cell that holds <paramref name="vcpu"/>, or null.</summary>
    public static NumaNode? CellOf(IReadOnlyList<NumaNode> nodes, int vcpu) =>
        nodes.FirstOrDefault(n => n.CpuIds.Contains(vcpu));
}
