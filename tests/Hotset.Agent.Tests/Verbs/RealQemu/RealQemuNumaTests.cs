using Hotset.Agent.Tests.Hypervisor.Qemu;
using Hotset.Core.Agent;

namespace Hotset.Agent.Tests.Verbs.RealQemu;

/// <summary>vNUMA cells on real QEMU 10 and the test guest: hot-plugged vCPUs land in the cells SPEC §10 says.</summary>
[Collection(RealQemuGroup.Name)]
public sealed class RealQemuNumaTests : RealAgentTestBase
{
    private const string NodeCpuLists = "for n in /sys/devices/system/node/node*; do echo ${n##*/} $(cat $n/cpulist); done";

    [Fact]
    public async Task TwoCells_PlugTwoToFour_GuestSeesTheNewCpusInTheirRoundRobinCells()
    {
        var definition = TestGuest.Vm("numa", 2, 4) with
        {
            GuestNumaNodes =
            [
                new GuestNumaNode { NodeIndex = 0, Cpus = "0", MemoryMiB = 64 },
                new GuestNumaNode { NodeIndex = 1, Cpus = "1", MemoryMiB = 64 },
            ],
        };
        var vm = await Agent.CreateAsync(definition);
        var guest = new GuestShell(Agent, vm);
        var before = await guest.LinesAsync(NodeCpuLists);

        await Agent.Rpc.ResultAsync(AgentMethods.SetNumberOfCpus, new { vmID = vm, numberOfCpus = 4 });
        await Agent.UntilCpusAsync(vm, 4);
        var after = await guest.LinesAsync(NodeCpuLists);

        Assert.Equal(new Dictionary<string, string> { ["node0"] = "0", ["node1"] = "1" }, before);
        Assert.Equal(new Dictionary<string, string> { ["node0"] = "0,2", ["node1"] = "1,3" }, after);
    }
}
