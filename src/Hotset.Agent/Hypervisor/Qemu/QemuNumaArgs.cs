using System.Globalization;
using Hotset.Core.Agent;
using Hotset.Core.Vms;

namespace Hotset.Agent.Hypervisor.Qemu;

/// <summary>
/// QEMU's vNUMA arguments for a VM with <see cref="VmDefinition.GuestNumaNodes"/>: one RAM backend and one
/// <c>-numa node</c> per cell (QEMU node ids 0…n−1 in cell index order; memory the cell's MiB, what the cells leave of
/// the VM's memory to the first cell), and one <c>-numa cpu</c> per vCPU slot, so every slot — plugged now or later —
/// has its cell (<see cref="NumaCells"/>) and the guest finds a hot-plugged CPU there.
/// </summary>
public static class QemuNumaArgs
{
    public static IReadOnlyList<string> Build(VmDefinition vm, VcpuTopology topology)
    {
        var nodes = Nodes(vm);
        if (nodes.Count == 0)
        {
            return [];
        }

        var memory = MemoryOf(vm);
        var args = new List<string>();
        for (var position = 0; position < nodes.Count; position++)
        {
            args.AddRange(["-object", Invariant($"memory-backend-ram,id=numa-ram{position},size={memory[position]}M")]);
            args.AddRange(["-numa", Invariant($"node,nodeid={position},memdev=numa-ram{position}")]);
        }

        var cells = NumaCells.Assign(nodes, topology.Slots);
        for (var slot = 0; slot < cells.Count; slot++)
        {
            var (socket, core, thread) = topology.SlotOf(slot);
            args.AddRange(["-numa", Invariant($"cpu,node-id={cells[slot]},socket-id={socket},core-id={core},thread-id={thread}")]);
        }

        return args;
    }

    /// <summary>The cells as the core rules see them; empty when the VM has none.</summary>
    public static IReadOnlyList<NumaNode> Nodes(VmDefinition vm) =>
        [.. (vm.GuestNumaNodes ?? []).Select(n => new NumaNode(n.NodeIndex, CpusOf(n)))];

    /// <summary>MiB of each cell in cell index order: its own, plus what the cells leave of the VM's memory for the first.</summary>
    public static IReadOnlyList<int> MemoryOf(VmDefinition vm)
    {
        var memory = (vm.GuestNumaNodes ?? []).OrderBy(n => n.NodeIndex).Select(n => n.MemoryMiB).ToArray();
        if (memory.Length > 0)
        {
            memory[0] += vm.MemSizeMiB - memory.Sum();
        }

        return memory;
    }

    /// <summary>The vCPUs a cell lists; an empty list for an empty <see cref="GuestNumaNode.Cpus"/>.</summary>
    public static IReadOnlyList<int> CpusOf(GuestNumaNode node) =>
        string.IsNullOrWhiteSpace(node.Cpus) ? [] : CpuSet.TryParse(node.Cpus, out var cpus) ? [.. cpus] : [];

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
