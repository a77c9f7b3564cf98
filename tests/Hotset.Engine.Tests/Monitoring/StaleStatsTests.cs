using Hotset.Core.Vms;
using Hotset.Engine.Tests.Fakes;
using Hotset.Engine.Vms;

namespace Hotset.Engine.Tests.Monitoring;

/// <summary>
/// Reconciliation never acts on a host report taken before the VM's last change: a hot set that completes while
/// <c>Host.getAllVmStats</c> is on its way must not be undone by the out-of-date report.
/// </summary>
public sealed class StaleStatsTests
{
    private readonly EngineTestBed _bed = new();

    [Fact]
    public async Task PollAsync_ReportTakenBeforeHotPlugAndConcurrentWrite_KeepsTheNewSockets()
    {
        var vm = await _bed.AddRunningVmAsync();
        var since = _bed.LastEventId;
        HotPlugWhileTheReportIsOnItsWay(vm.Id);
        _bed.Vms.EditConcurrentlyBeforeNextUpdate(v => !_bed.Locks.IsHeld(v.Id));

        await _bed.PollAsync();

        var stored = _bed.Vms.Get(vm.Id);
        Assert.Equal(2, stored.Configuration.Topology.Sockets);
        Assert.DoesNotContain(_bed.EventsAfter(since), e => e.Code == 20035);
    }

    [Fact]
    public async Task PollAsync_StaleReportThenOneFreshDifference_NeedsTwoFreshSamples()
    {
        var vm = await _bed.AddRunningVmAsync();
        HotPlugWhileTheReportIsOnItsWay(vm.Id);
        await _bed.PollAsync();
        _bed.Agent.AfterStatsTaken = null;

        // The guest really drops back to 1 vCPU behind the engine: one fresh sample is not yet stable.
        _bed.Agent.Vms[vm.Id.ToString()].VcpuCount = 1;
        await _bed.PollAsync();
        Assert.Equal(2, _bed.Vms.Get(vm.Id).Configuration.Topology.Sockets);

        await _bed.PollAsync();
        Assert.Equal(1, _bed.Vms.Get(vm.Id).Configuration.Topology.Sockets);
    }

    [Fact]
    public async Task PollAsync_VmChangedDuringThePoll_SkipsItThisRound()
    {
        var vm = await _bed.AddRunningVmAsync();
        _bed.Agent.Vms[vm.Id.ToString()].GuestCpuCount = -1;
        _bed.Agent.AfterStatsTaken = async () =>
        {
            _bed.Agent.AfterStatsTaken = null;
            var outcome = await _bed.UpdateAsync(vm.Id, new VmPatch { Description = "meanwhile" });
            Assert.True(outcome.Result.Succeeded);
        };

        await _bed.PollAsync();
        Assert.Equal(1, _bed.Vms.Get(vm.Id).GuestCpuCount);

        await _bed.PollAsync();
        Assert.Equal(-1, _bed.Vms.Get(vm.Id).GuestCpuCount);
    }

    private void HotPlugWhileTheReportIsOnItsWay(Guid vmId) => _bed.Agent.AfterStatsTaken = async () =>
    {
        _bed.Agent.AfterStatsTaken = null;
        var outcome = await _bed.UpdateAsync(vmId, new VmPatch { Sockets = 2 });
        Assert.True(outcome.Result.Succeeded);
        Assert.Equal(VmStatus.Up, _bed.Vms.Get(vmId).Status);
        Assert.Equal(2, _bed.Vms.Get(vmId).Configuration.Topology.Sockets);
    };
}
