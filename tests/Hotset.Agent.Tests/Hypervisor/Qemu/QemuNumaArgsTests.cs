using Hotset.Agent.Hypervisor.Qemu;
using Hotset.Core.Agent;

namespace Hotset.Agent.Tests.Hypervisor.Qemu;

public sealed class QemuNumaArgsTests
{
    [Fact]
    public void Build_TwoCells_RamBackendsNodesAndEverySlotRoundRobinAfterTheListedOnes()
    {
        var vm = new VmDefinition
        {
            VmId = "v",
            VmName = "v",
            MemSizeMiB = 128,
            NumberOfCpus = 2,
            MaxVCpus = 4,
            GuestNumaNodes = [new GuestNumaNode { NodeIndex = 1, Cpus = "1", MemoryMiB = 32 }, new GuestNumaNode { NodeIndex = 0, Cpus = "0", MemoryMiB = 32 }],
        };

        var args = QemuNumaArgs.Build(vm, new VcpuTopology(1, 1, 5));

        Assert.Equal(["memory-backend-ram,id=numa-ram0,size=96M", "memory-backend-ram,id=numa-ram1,size=32M"],
            args.Where((_, i) => i > 0 && args[i - 1] == "-object"));
        Assert.Equal(
        [
            "node,nodeid=0,memdev=numa-ram0", "node,nodeid=1,memdev=numa-ram1",
            "cpu,node-id=0,socket-id=0,core-id=0,thread-id=0", "cpu,node-id=1,socket-id=1,core-id=0,thread-id=0",
            "cpu,node-id=0,socket-id=2,core-id=0,thread-id=0", "cpu,node-id=1,socket-id=3,core-id=0,thread-id=0",
            "cpu,node-id=0,socket-id=4,core-id=0,thread-id=0",
        ], args.Where((_, i) => i > 0 && args[i - 1] == "-numa"));
    }

    [Fact]
    public void Build_NoCells_NoArguments()
    {
        Assert.Empty(QemuNumaArgs.Build(new VmDefinition { VmId = "v", VmName = "v" }, new VcpuTopology(1, 1, 4)));
    }
}
