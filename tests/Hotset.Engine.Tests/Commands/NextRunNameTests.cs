using Hotset.Core.Vms;
using Hotset.Engine.Audit;
using Hotset.Engine.Tests.Fakes;
using Hotset.Engine.Vms;
using Hotset.Engine.Vms.Commands;

namespace Hotset.Engine.Tests.Commands;

/// <summary>A pending name another VM took meanwhile never costs the VM its Down state.</summary>
public sealed class NextRunNameTests
{
    private readonly EngineTestBed _bed = new();

    [Fact]
    public async Task RunAsync_NextRunNameTaken_NameInUseAndNothingStored()
    {
        var vm = await _bed.AddRunningVmAsync();
        await _bed.AddVmAsync("taken");

        var outcome = await _bed.UpdateAsync(vm.Id, new VmPatch { Name = "taken" }, nextRun: true);

        Assert.Equal(VmActionFaults.NameInUseCode, Assert.Single(outcome.Result.Faults).Code);
        Assert.Null(_bed.Vms.Get(vm.Id).NextRun);
    }

    [Fact]
    public async Task PollAsync_PendingNameTakenAfterShutdown_DownWithOldNameAndEvent()
    {
        var vm = await _bed.AddRunningVmAsync();
        await _bed.UpdateAsync(vm.Id, new VmPatch { Name = "renamed", Sockets = 2 }, nextRun: true);
        await _bed.Shutdown.RunAsync(new VmAction(vm.Id, EngineTestBed.Admin), default);
        await _bed.AddVmAsync("renamed");
        var since = _bed.LastEventId;

        _bed.Agent.Vms[vm.Id.ToString()].Status = "Down";
        await _bed.PollAsync();

        var stored = _bed.Vms.Get(vm.Id);
        Assert.Equal(VmStatus.Down, stored.Status);
        Assert.Equal("vm1", stored.Name);
        Assert.Equal(2, stored.Configuration.Topology.Sockets);
        Assert.Null(stored.NextRun);
        Assert.Equal([AuditEventCodes.NextRunNameTaken, AuditEventCodes.VmDown], _bed.EventsAfter(since).Select(e => e.Code));
    }
}
