using Hotset.Core.Vms;

namespace Hotset.Core.Tests.Vms;

public sealed class NumaAssignmentTests
{
    [Fact]
    public void AssignOffline_TwoCells_DealsOfflineVcpusRoundRobin()
    {
        IReadOnlyList<NumaNode> cells = [new(0, [0, 1]), new(1, [2, 3])];

        var assigned = NumaAssignment.AssignOffline(cells, onlineVCpus: 4, maxVCpus: 9);

        Assert.Equal([0, 1, 4, 6, 8], assigned[0].CpuIds);
        Assert.Equal([2, 3, 5, 7], assigned[1].CpuIds);
    }

    [Fact]
    public void AssignOffline_CellsOutOfOrderAndPrePlaced_KeepsExistingAndSortsByIndex()
    {
        IReadOnlyList<NumaNode> cells = [new(2, [1, 5]), new(0, [0]), new(1, [])];

        var assigned = NumaAssignment.AssignOffline(cells, onlineVCpus: 2, maxVCpus: 7);

        Assert.Equal([0, 1, 2], assigned.Select(c => c.Index));
        Assert.Equal([0, 2, 6], assigned[0].CpuIds);
        Assert.Equal([3], assigned[1].CpuIds);
        Assert.Equal([1, 4, 5], assigned[2].CpuIds);
    }

    [Fact]
    public void AssignOffline_NoCells_Nothing() =>
        Assert.Empty(NumaAssignment.AssignOffline([], 1, 16));

    [Fact]
    public void AssignOffline_EveryVcpuUpToMaxInExactlyOneCell()
    {
        IReadOnlyList<NumaNode> cells = [new(0, [0]), new(1, [1]), new(2, [2])];

        var assigned = NumaAssignment.AssignOffline(cells, 3, 16);

        Assert.Equal(Enumerable.Range(0, 16), assigned.SelectMany(c => c.CpuIds).Order());
        Assert.Equal(1, NumaAssignment.CellOf(assigned, 4)?.Index);
        Assert.Null(NumaAssignment.CellOf(assigned, 16));
    }
}
