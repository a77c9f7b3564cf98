using Hotset.Core.Agent;
using Hotset.Core.Vms;
using Hotset.Engine.Audit;
using Hotset.Engine.Tests.Fakes;
using Hotset.Engine.Vms;

namespace Hotset.Engine.Tests.Commands;

/// <summary>SPEC §2–§3: the update and its hot-set child step, over fakes.</summary>
public sealed class UpdateVmCommandTests
{
    private readonly EngineTestBed _bed = new();

    [Fact]
    public async Task RunAsync_PlugOnUpVm_StoresSocketsAndLogs2033Then35()
    {
        var vm = await _bed.AddRunningVmAsync();
        var since = _bed.LastEventId;

        var outcome = await _bed.UpdateAsync(vm.Id, new VmPatch { Sockets = 2 });

        Assert.True(outcome.Result.Succeeded);
        Assert.Equal(new HotSetOutcome(HotSetResult.Applied, 1, 2, null), outcome.HotSet);
        Assert.Equal(2, outcome.Vm!.Configuration.Topology.Sockets);
        Assert.Equal(2, _bed.Vms.Get(vm.Id).Configuration.Topology.Sockets);
        Assert.Equal(2, _bed.Agent.Vms[vm.Id.ToString()].VcpuCount);
        Assert.Contains("VM.setNumberOfCpus 2", _bed.Agent.Calls);
        var events = _bed.EventsAfter(since);
        Assert.Equal([2033, 35], events.Select(e => e.Code));
        Assert.Equal("Hotplug CPU: changed the number of CPUs on VM vm1 from 1 to 2", events[0].Message);
        Assert.Equal(AuditSeverity.Normal, events[0].Severity);
        Assert.Equal("VM vm1 configuration was updated by admin@internal.", events[1].Message);
        Assert.All(events, e => Assert.Equal("corr-1", e.CorrelationId));
    }

    [Fact]
    public async Task RunAsync_PlugOnUpVm_NewSocketsAnd2033And35StoredInOneWrite()
    {
        var vm = await _bed.AddRunningVmAsync();
        var (writes, since) = (_bed.Vms.Writes, _bed.LastEventId);

        await _bed.UpdateAsync(vm.Id, new VmPatch { Sockets = 2 });

        Assert.Equal((1, 1), (_bed.Vms.Writes - writes, _bed.Vms.WritesWithEvents));
        Assert.Equal([2033, 35], _bed.EventsAfter(since).Select(e => e.Code));
    }

    [Fact]
    public async Task RunAsync_PlugWhileMonitoringWritesTheVm_SocketsOnTheirVersionAndEventsOnce()
    {
        var vm = await _bed.AddRunningVmAsync();
        var since = _bed.LastEventId;
        _bed.Vms.EditConcurrentlyBeforeNextUpdate(v => v.Configuration.Topology.Sockets == 2);

        await _bed.UpdateAsync(vm.Id, new VmPatch { Sockets = 2 });

        var stored = _bed.Vms.Get(vm.Id);
        Assert.Equal((2, "concurrent"), (stored.Configuration.Topology.Sockets, stored.Configuration.Description));
        Assert.Equal([2033, 35], _bed.EventsAfter(since).Select(e => e.Code));
    }

    [Fact]
    public async Task RunAsync_UnplugOnUpVm_SendsTotalAndStoresSockets()
    {
        var vm = await _bed.AddRunningVmAsync(topology: new CpuTopology(3, 2, 1));
        var since = _bed.LastEventId;

        var outcome = await _bed.UpdateAsync(vm.Id, new VmPatch { Sockets = 1 });

        Assert.Equal(HotSetResult.Applied, outcome.HotSet!.Result);
        Assert.Contains("VM.setNumberOfCpus 2", _bed.Agent.Calls);
        Assert.Equal(new CpuTopology(1, 2, 1), _bed.Vms.Get(vm.Id).Configuration.Topology);
        Assert.Equal("Hotplug CPU: changed the number of CPUs on VM vm1 from 6 to 2", _bed.EventsAfter(since)[0].Message);
    }

    [Fact]
    public async Task RunAsync_AgentFails_KeepsSocketsSavesDescriptionAndLogsHostText()
    {
        var vm = await _bed.AddRunningVmAsync();
        const string hostText = "before_set_num_of_cpus/50_check exited with 1: guest agent not ready";
        _bed.Agent.SetNumberOfCpusError = new AgentException(AgentErrorCodes.HookError, hostText);
        var since = _bed.LastEventId;

        var outcome = await _bed.UpdateAsync(vm.Id, new VmPatch { Sockets = 2, Description = "after" });

        Assert.True(outcome.Result.Succeeded);
        Assert.Equal(new HotSetOutcome(HotSetResult.Failed, 1, 2, hostText), outcome.HotSet);
        var stored = _bed.Vms.Get(vm.Id);
        Assert.Equal(1, stored.Configuration.Topology.Sockets);
        Assert.Equal("after", stored.Configuration.Description);
        Assert.Null(stored.NextRun);
        Assert.Equal(stored, outcome.Vm);
        var events = _bed.EventsAfter(since);
        Assert.Equal([2034, 35], events.Select(e => e.Code));
        Assert.Equal($"Failed to hot set number of CPUS to VM vm1. Underlying error message: {hostText}", events[0].Message);
        Assert.Equal(AuditSeverity.Error, events[0].Severity);
    }

    [Fact]
    public async Task RunAsync_AgentUnreachable_Logs2034AndSucceeds()
    {
        var vm = await _bed.AddRunningVmAsync();
        _bed.Agent.Unreachable = true;
        var since = _bed.LastEventId;

        var outcome = await _bed.UpdateAsync(vm.Id, new VmPatch { Sockets = 2 });

        Assert.True(outcome.Result.Succeeded);
        Assert.Equal(HotSetResult.Failed, outcome.HotSet!.Result);
        Assert.Equal(1, _bed.Vms.Get(vm.Id).Configuration.Topology.Sockets);
        Assert.Equal(
            "Failed to hot set number of CPUS to VM vm1. Underlying error message: The host agent at " +
            $"{FakeAgentClient.Address} is unreachable: Connection refused.",
            _bed.EventsAfter(since)[0].Message);
    }

    [Fact]
    public async Task RunAsync_InvalidRequest_ChangesNothingAndLogsNothing()
    {
        var vm = await _bed.AddRunningVmAsync();
        var (writes, since) = (_bed.Vms.Writes, _bed.LastEventId);

        var outcome = await _bed.UpdateAsync(vm.Id, new VmPatch { Sockets = 0, Threads = 9, Description = "after" });

        Assert.False(outcome.Result.Succeeded);
        Assert.Equal(["MAX_NUM_THREADS_PER_CPU_EXCEEDED", "MIN_NUM_SOCKETS"], outcome.Result.Faults.Select(f => f.Code).Order());
        Assert.Null(outcome.Vm);
        Assert.Equal(writes, _bed.Vms.Writes);
        Assert.Empty(_bed.EventsAfter(since));
        Assert.Equal("before", _bed.Vms.Get(vm.Id).Configuration.Description);
        Assert.DoesNotContain(_bed.Agent.Calls, c => c.StartsWith("VM.setNumberOfCpus", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_AboveStartedMax_Refused()
    {
        var vm = await _bed.AddRunningVmAsync();

        var outcome = await _bed.UpdateAsync(vm.Id, new VmPatch { Sockets = 17 });

        Assert.Contains(outcome.Result.Faults, f => f.Code == "CPU_ABOVE_STARTED_MAX");
        Assert.Equal(1, _bed.Vms.Get(vm.Id).Configuration.Topology.Sockets);
    }

    [Fact]
    public async Task RunAsync_VmMissing_NotFound()
    {
        var outcome = await _bed.UpdateAsync(Guid.NewGuid(), new VmPatch { Sockets = 2 });

        Assert.Equal("VM_NOT_FOUND", Assert.Single(outcome.Result.Faults).Code);
    }

    [Fact]
    public async Task RunAsync_WhileAnotherUpdateIsInFlight_Conflict()
    {
        var vm = await _bed.AddRunningVmAsync();
        _bed.Agent.SetNumberOfCpusGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = _bed.UpdateAsync(vm.Id, new VmPatch { Sockets = 2 });
        await _bed.Agent.SetNumberOfCpusEntered.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var second = await _bed.UpdateAsync(vm.Id, new VmPatch { Description = "second" });
        _bed.Agent.SetNumberOfCpusGate.SetResult();
        var firstOutcome = await first;

        var fault = Assert.Single(second.Result.Faults);
        Assert.Equal("VM_BEING_UPDATED", fault.Code);
        Assert.Equal("Cannot edit VM. VM is being updated.", fault.Message);
        Assert.Equal(HotSetResult.Applied, firstOutcome.HotSet!.Result);
        Assert.Equal("before", _bed.Vms.Get(vm.Id).Configuration.Description);
    }

    [Fact]
    public async Task RunAsync_DownVm_PlainUpdateWithoutHost()
    {
        var vm = await _bed.AddVmAsync();
        var since = _bed.LastEventId;

        var outcome = await _bed.UpdateAsync(vm.Id, new VmPatch { Sockets = 4 });

        Assert.Null(outcome.HotSet);
        Assert.Equal(4, _bed.Vms.Get(vm.Id).Configuration.Topology.Sockets);
        Assert.Empty(_bed.Agent.Calls);
        Assert.Equal([35], _bed.EventsAfter(since).Select(e => e.Code));
    }
}
