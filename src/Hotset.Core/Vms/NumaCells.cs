namespace Hotset.Core.Vms;

/// <summary>
/// Which vNUMA cell each vCPU slot belongs to (SPEC §10): a vCPU a cell lists is in that cell; every other slot — the
/// vCPUs not plugged yet, and any the cells leave out — goes to the cells round-robin, in ascending slot order, over
/// the cells in index order. Agent (QEMU's <c>-numa cpu</c>) and engine (the vCPU table) both use this, so a plugged
/// CPU lands in the cell the API shows.
/// </summary>
public static class NumaCells
{
    /// <summary>
    /// The position (0-based, cells ordered by <see cref="NumaNode.Index"/>) of the cell of each of
    /// <paramref name="slots"/> vCPU slots; empty when there are no cells. A vCPU listed by two cells stays in the first.
    /// </summary>
    public static IReadOnlyList<int> Assign(IReadOnlyList<NumaNode> nodes, int slots)
    {
        if (nodes.Count == 0 || slots <= 0)
        {
            return [];
        }

        var ordered = nodes.OrderBy(n => n.Index).ToList();
        var cells = Enumerable.Repeat(-1, slots).ToArray();
        for (var position = 0; position < ordered.Count; position++)
        {
            foreach (var cpu in ordered[position].CpuIds.Where(c => c >= 0 && c < slots && cells[c] < 0))
            {
                cells[cpu] = position;
            }
        }

        var next = 0;
        for (var slot = 0; slot < slots; slot++)
        {
            if (cells[slot] < 0)
            {
                cells[slot] = next++ % ordered.Count;
            }
        }

        return cells;
    }

    /// <summary>The <see cref="NumaNode.Index"/> of each slot's cell (see <see cref="Assign"/>).</summary>
    public static IReadOnlyList<int> AssignIndexes(IReadOnlyList<NumaNode> nodes, int slots)
    {
        var ordered = nodes.OrderBy(n => n.Index).ToList();
        return [.. Assign(nodes, slots).Select(p => ordered[p].Index)];
    }
}
