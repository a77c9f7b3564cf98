using Hotset.Agent.Tests.Hypervisor.Qemu;
using Hotset.Core.Agent;

namespace Hotset.Agent.Tests.Verbs.RealQemu;

/// <summary>
/// A VM with vNUMA cells and hot-plugged CPUs migrates between two agents (real QEMU 10, the test guest): the
/// destination starts from the same definition, so it has the same cells, and the guest keeps its CPUs in them.
/// </summary>
[Collection(RealQemuGroup.Name)]
public sealed class RealQemuNumaMigrationTests : TwoAgentsTestBase
{
    private const string NodeCpuLists = "for n in /sys/devices/system/node/node*; do echo ${n##*/} $(cat $n/cpulist); done";

    [Fact]
    public async Task TwoCellsPluggedToThree_Migrate_DestinationGuestHasTheSameCells()
    {
        var definition = TestGuest.Vm("numa-migrating", 2, 4) with
        {
            GuestNumaNodes =
            [
                new GuestNumaNode { NodeIndex = 0, Cpus = "0", MemoryMiB = 64 },
                new GuestNumaNode { NodeIndex = 1, Cpus = "1", MemoryMiB = 64 },
            ],
        };
        await A.CreateAsync(definition);
        await A.Rpc.ResultAsync(AgentMethods.SetNumberOfCpus, new { vmID = definition.VmId, numberOfCpus = 3 });
        await A.UntilCpusAsync(definition.VmId, 3);

        var uri = await ExpectAsync(A, B, definition);
        await MigrateAsync(A, definition.VmId, uri);
        var done = await UntilFinishedAsync(A, definition.VmId);
        await B.UntilCpusAsync(definition.VmId, 3);
        var cells = await new GuestShell(B, definition.VmId).LinesAsync(NodeCpuLists);

        Assert.True(done.Status == MigrationStatus.Completed, done.ToString());
        Assert.Equal(new Dictionary<string, string> { ["node0"] = "0,2", ["node1"] = "1" }, cells);
    }
}
