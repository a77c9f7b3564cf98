using Hotset.Core.Vms;

namespace Hotset.Core.Tests.Vms;

public sealed class CpuTopologyTests
{
    [Theory]
    [InlineData(1, 1, 1, 1)]
    [InlineData(2, 4, 2, 16)]
    [InlineData(16, 1, 1, 16)]
    public void VCpus_IsProductOfSocketsCoresThreads(int sockets, int cores, int threads, int expected) =>
        Assert.Equal(expected, new CpuTopology(sockets, cores, threads).VCpus);

    [Fact]
    public void WithSockets_KeepsCoresAndThreads() =>
        Assert.Equal(new CpuTopology(4, 2, 2), new CpuTopology(1, 2, 2).WithSockets(4));
}
