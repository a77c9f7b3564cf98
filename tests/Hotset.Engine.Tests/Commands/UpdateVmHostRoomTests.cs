using Hotset.Core.Vms;
using Hotset.Engine.Tests.Fakes;
using Hotset.Engine.Vms;

namespace Hotset.Engine.Tests.Commands;

/// <summary>SPEC §4's host capacity rule in UpdateVm: a plug must fit the host beside the CPUs dedicated to other VMs.</summary>
public sealed class UpdateVmHostRoomTests
{
    private readonly EngineTestBed _bed = new();

    [Fact]
    public async Task RunAsync_PlugBeyondRoomLeftByDedicatedVm_RefusedAndNothingChanged()
    {
        var vm = await _bed.AddRunningVmAsync();
        await AddDedicatedVmOnHostAsync(vcpus: 6);
        var since = _bed.LastEventId;

        var outcome = await _bed.UpdateAsync(vm.Id, new VmPatch { Sockets = 3 });

        Assert.Equal("CPUS_NOT_AVAILABLE_ON_HOST", Assert.Single(outcome.Result.Faults).Code);
        Assert.Equal(1, _bed.Vms.Get(vm.Id).Configuration.Topology.Sockets);
        Assert.Empty(_bed.EventsAfter(since));
    }

    [Fact]
    public async Task RunAsync_PlugWithinRoomLeftByDedicatedVm_Applied()
    {
        var vm = await _bed.AddRunningVmAsync();
        await AddDedicatedVmOnHostAsync(vcpus: 6);

        var outcome = await _bed.UpdateAsync(vm.Id, new VmPatch { Sockets = 2 });

        Assert.Equal(HotSetResult.Applied, outcome.HotSet!.Result);
    }

    [Fact]
    public async Task RunAsync_UnplugOnHostFullOfDedicatedVms_Applied()
    {
        var vm = await _bed.AddRunningVmAsync(topology: new CpuTopology(3, 1, 1));
        await AddDedicatedVmOnHostAsync(vcpus: 8);

        var outcome = await _bed.UpdateAsync(vm.Id, new VmPatch { Sockets = 2 });

        Assert.Equal(HotSetResult.Applied, outcome.HotSet!.Result);
        Assert.Equal(2, _bed.Vms.Get(vm.Id).Configuration.Topology.Sockets);
    }

    private async Task AddDedicatedVmOnHostAsync(int vcpus)
    {
        var other = await _bed.AddVmAsync("dedicated", new CpuTopology(vcpus, 1, 1));
        await _bed.Vms.UpdateAsync(other with
        {
            Status = VmStatus.Up,
            RunOnHostId = _bed.Host.Id,
            Configuration = other.Configuration with { CpuPinningPolicy = CpuPinningPolicy.Dedicated },
        }, default);
    }
}
