using Hotset.Engine.Tests.Fakes;
using Hotset.Engine.Vms;

namespace Hotset.Engine.Tests.Commands;

/// <summary>The update validates against the VM's cluster: its version, architecture and the VM's chipset.</summary>
public sealed class UpdateVmClusterRulesTests
{
    private readonly EngineTestBed _bed = new();

    [Fact]
    public async Task RunAsync_I440fxTopologyThatCannotStart_RefusedAndNothingStored()
    {
        var vm = await _bed.AddRunningVmAsync();
        await _bed.Stop.RunAsync(new VmAction(vm.Id, EngineTestBed.Admin), default);
        var since = _bed.LastEventId;

        var outcome = await _bed.UpdateAsync(vm.Id, new VmPatch { Sockets = 70, Cores = 3 });

        var fault = Assert.Single(outcome.Result.Faults);
        Assert.Equal("CPU_TOPOLOGY_NOT_STARTABLE", fault.Code);
        Assert.Equal(1, _bed.Vms.Get(vm.Id).Configuration.Topology.Sockets);
        Assert.Empty(_bed.EventsAfter(since));
    }
}
