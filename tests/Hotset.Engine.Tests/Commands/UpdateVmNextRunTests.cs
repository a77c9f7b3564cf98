using Hotset.Core.Vms;
using Hotset.Engine.Tests.Fakes;
using Hotset.Engine.Vms;

namespace Hotset.Engine.Tests.Commands;

/// <summary>SPEC §2: changes that do not go live wait in the next-run configuration.</summary>
public sealed class UpdateVmNextRunTests
{
    private readonly EngineTestBed _bed = new();

    [Fact]
    public async Task RunAsync_NextRunRequested_KeepsCurrentAndStoresPending()
    {
        var vm = await _bed.AddRunningVmAsync();
        var since = _bed.LastEventId;

        var outcome = await _bed.UpdateAsync(vm.Id, new VmPatch { Sockets = 2 }, nextRun: true);

        Assert.True(outcome.Result.Succeeded);
        Assert.Equal(new HotSetOutcome(HotSetResult.NextRun, 1, 2, null), outcome.HotSet);
        var stored = _bed.Vms.Get(vm.Id);
        Assert.Equal(1, stored.Configuration.Topology.Sockets);
        Assert.Equal(2, stored.NextRun!.Topology.Sockets);
        Assert.DoesNotContain(_bed.Agent.Calls, c => c.StartsWith("VM.setNumberOfCpus", StringComparison.Ordinal));
        Assert.Equal([35], _bed.EventsAfter(since).Select(e => e.Code));
    }

    [Fact]
    public async Task StopAsync_AfterNextRunUpdate_AppliesPending()
    {
        var vm = await _bed.AddRunningVmAsync();
        await _bed.UpdateAsync(vm.Id, new VmPatch { Sockets = 2, Description = "next" }, nextRun: true);

        var stopped = await _bed.Stop.RunAsync(new VmAction(vm.Id, EngineTestBed.Admin), default);
        var started = await _bed.Start.RunAsync(new VmAction(vm.Id, EngineTestBed.Admin), default);

        Assert.True(stopped.Succeeded);
        Assert.True(started.Succeeded);
        var stored = _bed.Vms.Get(vm.Id);
        Assert.Equal(2, stored.Configuration.Topology.Sockets);
        Assert.Equal("next", stored.Configuration.Description);
        Assert.Null(stored.NextRun);
        Assert.Equal(2, _bed.Agent.Created[^1].NumberOfCpus);
    }

    [Fact]
    public async Task RunAsync_SocketsAndCoresOnRunningVm_WhollyNextRun()
    {
        var vm = await _bed.AddRunningVmAsync();

        var outcome = await _bed.UpdateAsync(vm.Id, new VmPatch { Sockets = 2, Cores = 2 });

        Assert.Equal(HotSetResult.NextRun, outcome.HotSet!.Result);
        var stored = _bed.Vms.Get(vm.Id);
        Assert.Equal(new CpuTopology(1, 1, 1), stored.Configuration.Topology);
        Assert.Equal(new CpuTopology(2, 2, 1), stored.NextRun!.Topology);
        Assert.DoesNotContain(_bed.Agent.Calls, c => c.StartsWith("VM.setNumberOfCpus", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_DescriptionOnlyOnRunningVm_SavedLiveWithoutPending()
    {
        var vm = await _bed.AddRunningVmAsync();

        var outcome = await _bed.UpdateAsync(vm.Id, new VmPatch { Description = "after" });

        Assert.Null(outcome.HotSet);
        Assert.Equal("after", _bed.Vms.Get(vm.Id).Configuration.Description);
        Assert.Null(_bed.Vms.Get(vm.Id).NextRun);
    }

    [Fact]
    public async Task RunAsync_MemoryOnRunningVm_WaitsForNextRun()
    {
        var vm = await _bed.AddRunningVmAsync();

        await _bed.UpdateAsync(vm.Id, new VmPatch { MemoryMiB = 256, Description = "after" });

        var stored = _bed.Vms.Get(vm.Id);
        Assert.Equal(128, stored.Configuration.MemoryMiB);
        Assert.Equal("after", stored.Configuration.Description);
        Assert.Equal(256, stored.NextRun!.MemoryMiB);
        Assert.Equal("after", stored.NextRun.Description);
    }

    [Fact]
    public async Task RunAsync_HotPlugWithPendingMemory_PendingFollowsNewSockets()
    {
        var vm = await _bed.AddRunningVmAsync();
        await _bed.UpdateAsync(vm.Id, new VmPatch { MemoryMiB = 256 });

        await _bed.UpdateAsync(vm.Id, new VmPatch { Sockets = 2 });

        var stored = _bed.Vms.Get(vm.Id);
        Assert.Equal(2, stored.Configuration.Topology.Sockets);
        Assert.Equal(2, stored.NextRun!.Topology.Sockets);
        Assert.Equal(256, stored.NextRun.MemoryMiB);
    }

    [Fact]
    public async Task RunAsync_GuestOsNeedsReboot_PendingAndRebootEvent()
    {
        var vm = await _bed.AddRunningVmAsync(osType: "windows_2008x64");
        var since = _bed.LastEventId;

        var outcome = await _bed.UpdateAsync(vm.Id, new VmPatch { Sockets = 2 });

        Assert.Equal(HotSetResult.NextRun, outcome.HotSet!.Result);
        var stored = _bed.Vms.Get(vm.Id);
        Assert.Equal(1, stored.Configuration.Topology.Sockets);
        Assert.Equal(2, stored.NextRun!.Topology.Sockets);
        Assert.DoesNotContain(_bed.Agent.Calls, c => c.StartsWith("VM.setNumberOfCpus", StringComparison.Ordinal));
        var events = _bed.EventsAfter(since);
        Assert.Equal([20033, 35], events.Select(e => e.Code));
        Assert.Equal(outcome.HotSet.Message, events[0].Message);
        Assert.Contains("needs a reboot", events[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_RebootWithPending_ComesBackUpWithNewTopology()
    {
        var vm = await _bed.AddRunningVmAsync();
        await _bed.UpdateAsync(vm.Id, new VmPatch { Sockets = 2, Cores = 2 });
        var since = _bed.LastEventId;

        var rebooted = await _bed.Reboot.RunAsync(new VmAction(vm.Id, EngineTestBed.Admin), default);

        Assert.True(rebooted.Succeeded);
        var stored = _bed.Vms.Get(vm.Id);
        Assert.Equal(VmStatus.Up, stored.Status);
        Assert.Equal(new CpuTopology(2, 2, 1), stored.Configuration.Topology);
        Assert.Null(stored.NextRun);
        Assert.Equal(4, _bed.Agent.Created[^1].NumberOfCpus);
        Assert.Equal(2, _bed.Agent.Created[^1].CoresPerSocket);
        var events = _bed.EventsAfter(since);
        Assert.Equal([157, 32], events.Select(e => e.Code));
        Assert.Equal("VM vm1 is rebooting. Rebooted by: admin@internal", events[0].Message);
    }
}
