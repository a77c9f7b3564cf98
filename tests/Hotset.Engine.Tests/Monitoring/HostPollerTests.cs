using Hotset.Core.Agent;
using Hotset.Core.Vms;
using Hotset.Engine.Audit;
using Hotset.Engine.Hosts;
using Hotset.Engine.Tests.Fakes;

namespace Hotset.Engine.Tests.Monitoring;

/// <summary>Monitoring: statuses and counts from the host, host loss, and reconciliation of the vCPU count.</summary>
public sealed class HostPollerTests
{
    private readonly EngineTestBed _bed = new();

    [Fact]
    public async Task PollAsync_HostReports_StoresCounts()
    {
        var vm = await _bed.AddRunningVmAsync();
        _bed.Agent.Vms[vm.Id.ToString()].GuestCpuCount = -1;

        await _bed.PollAsync();

        var stored = _bed.Vms.Get(vm.Id);
        Assert.Equal((1, -1), (stored.VcpuCount, stored.GuestCpuCount));
    }

    [Fact]
    public async Task PollAsync_HostStopsAnswering_HostNonResponsiveVmUnknownUntilItAnswers()
    {
        var vm = await _bed.AddRunningVmAsync();
        _bed.Agent.Unreachable = true;

        await _bed.PollAsync();

        Assert.Equal(HostStatus.NonResponsive, _bed.Hosts.Get(_bed.Host.Id).Status);
        var lost = _bed.Vms.Get(vm.Id);
        Assert.Equal(VmStatus.Unknown, lost.Status);
        Assert.Equal(_bed.Host.Id, lost.RunOnHostId);

        var since = _bed.LastEventId;
        _bed.Agent.Unreachable = false;
        await _bed.PollAsync();

        Assert.Equal(HostStatus.Up, _bed.Hosts.Get(_bed.Host.Id).Status);
        Assert.Equal(VmStatus.Up, _bed.Vms.Get(vm.Id).Status);
        Assert.Contains("Host.getCapabilities", _bed.Agent.Calls);
        Assert.Empty(_bed.EventsAfter(since));
    }

    [Fact]
    public async Task PollAsync_HostStopsAnswering_LogsHostNonResponsiveAndVmUnknownOnce()
    {
        var vm = await _bed.AddRunningVmAsync();
        await _bed.AddRunningVmAsync("vm2");
        var since = _bed.LastEventId;
        _bed.Agent.Unreachable = true;

        await _bed.PollAsync();
        await _bed.PollAsync();

        var events = _bed.EventsAfter(since);
        Assert.Equal(3, events.Count);
        var host = events[0];
        Assert.Equal((12, AuditSeverity.Error, "Host host1 is non responsive.", _bed.Host.Id),
            (host.Code, host.Severity, host.Message, host.HostId));
        Assert.All(events.Skip(1), e => Assert.Equal((142, AuditSeverity.Warning), (e.Code, e.Severity)));
        var unknown = Assert.Single(events, e => e.VmId == vm.Id);
        Assert.Equal(("VM vm1 was set to the Unknown status.", _bed.Host.Id), (unknown.Message, unknown.HostId));
        Assert.Contains(events, e => e.Message == "VM vm2 was set to the Unknown status.");
    }

    [Fact]
    public async Task PollAsync_QemuCrashed_DownWith119Error()
    {
        var vm = await _bed.AddRunningVmAsync();
        var since = _bed.LastEventId;
        var reported = _bed.Agent.Vms[vm.Id.ToString()];
        (reported.Status, reported.ExitMessage, reported.ExitCode) = ("Down", "QEMU exited unexpectedly.", VmExitCodes.Error);

        await _bed.PollAsync();

        Assert.Equal(VmStatus.Down, _bed.Vms.Get(vm.Id).Status);
        var e = Assert.Single(_bed.EventsAfter(since));
        Assert.Equal((119, AuditSeverity.Error, "VM vm1 is down with error. QEMU exited unexpectedly."),
            (e.Code, e.Severity, e.Message));
        Assert.Equal((vm.Id, _bed.Host.Id), (e.VmId, e.HostId));
    }

    [Fact]
    public async Task PollAsync_GuestPoweredOff_DownWith61Normal()
    {
        var vm = await _bed.AddRunningVmAsync();
        var since = _bed.LastEventId;
        var reported = _bed.Agent.Vms[vm.Id.ToString()];
        (reported.Status, reported.ExitMessage, reported.ExitCode) = ("Down", "The guest powered off.", VmExitCodes.Normal);

        await _bed.PollAsync();

        var e = Assert.Single(_bed.EventsAfter(since));
        Assert.Equal((61, AuditSeverity.Normal, "VM vm1 is down. The guest powered off."), (e.Code, e.Severity, e.Message));
    }

    [Fact]
    public async Task PollAsync_HostAnswersWithAnError_HostAndVmKeepTheirStatus()
    {
        var vm = await _bed.AddRunningVmAsync();
        var since = _bed.LastEventId;
        _bed.Agent.AnswerError = new AgentException(AgentErrorCodes.GeneralError, "Host.getAllVmStats failed: a bug");

        await _bed.PollAsync();

        Assert.Equal(HostStatus.Up, _bed.Hosts.Get(_bed.Host.Id).Status);
        Assert.Equal(VmStatus.Up, _bed.Vms.Get(vm.Id).Status);
        Assert.Contains("Host.getAllVmStats", _bed.Agent.Calls);
        Assert.Empty(_bed.EventsAfter(since));
    }

    [Fact]
    public async Task PollAsync_HostRefusesTheSecret_HostNonResponsiveVmUnknown()
    {
        var vm = await _bed.AddRunningVmAsync();
        _bed.Agent.AnswerError = new AgentException(AgentErrorCodes.Unauthenticated, "refused the engine's credentials");

        await _bed.PollAsync();

        Assert.Equal(HostStatus.NonResponsive, _bed.Hosts.Get(_bed.Host.Id).Status);
        Assert.Equal(VmStatus.Unknown, _bed.Vms.Get(vm.Id).Status);
    }

    [Fact]
    public async Task PollAsync_VmGoneFromHost_DownWith61()
    {
        var vm = await _bed.AddRunningVmAsync();
        var since = _bed.LastEventId;
        _bed.Agent.Vms.Clear();

        await _bed.PollAsync();

        Assert.Equal(VmStatus.Down, _bed.Vms.Get(vm.Id).Status);
        var e = Assert.Single(_bed.EventsAfter(since));
        Assert.Equal((61, "VM vm1 is down. The VM is no longer running on host host1."), (e.Code, e.Message));
    }

    [Fact]
    public async Task PollAsync_StableDifferentVcpuCount_StoresTruthAndLogsEvent()
    {
        var vm = await _bed.AddRunningVmAsync(topology: new CpuTopology(3, 1, 1));
        var since = _bed.LastEventId;
        _bed.Agent.Vms[vm.Id.ToString()].VcpuCount = 2;

        await _bed.PollAsync();
        Assert.Equal(3, _bed.Vms.Get(vm.Id).Configuration.Topology.Sockets);
        await _bed.PollAsync();

        Assert.Equal(2, _bed.Vms.Get(vm.Id).Configuration.Topology.Sockets);
        var e = Assert.Single(_bed.EventsAfter(since));
        Assert.Equal(20035, e.Code);
        Assert.Equal(
            "VM vm1 has 2 vCPUs on host host1, not the 3 the engine had stored (a CPU change completed on the host " +
            "after the engine stopped waiting); the engine now records 2 sockets.", e.Message);
    }

    [Fact]
    public async Task PollAsync_WhileUpdateHoldsTheVm_DoesNotReconcile()
    {
        var vm = await _bed.AddRunningVmAsync(topology: new CpuTopology(3, 1, 1));
        _bed.Agent.Vms[vm.Id.ToString()].VcpuCount = 2;
        using (_bed.Locks.TryAcquire(vm.Id))
        {
            await _bed.PollAsync();
            await _bed.PollAsync();
            await _bed.PollAsync();
        }

        Assert.Equal(3, _bed.Vms.Get(vm.Id).Configuration.Topology.Sockets);
    }

    [Fact]
    public async Task PollAsync_WritingAVm_NeverHoldsItsLock()
    {
        var vm = await _bed.AddRunningVmAsync();
        var heldDuringWrite = new List<bool>();
        _bed.Vms.BeforeUpdate = v => heldDuringWrite.Add(_bed.Locks.IsHeld(v.Id));
        _bed.Agent.Vms[vm.Id.ToString()].GuestCpuCount = -1;

        await _bed.PollAsync();

        Assert.Equal([false], heldDuringWrite);
    }

    [Fact]
    public async Task PollAsync_CountNotWholeSockets_OneEventNoChange()
    {
        var vm = await _bed.AddRunningVmAsync(topology: new CpuTopology(2, 2, 1));
        var since = _bed.LastEventId;
        _bed.Agent.Vms[vm.Id.ToString()].VcpuCount = 3;

        for (var i = 0; i < 4; i++)
        {
            await _bed.PollAsync();
        }

        Assert.Equal(new CpuTopology(2, 2, 1), _bed.Vms.Get(vm.Id).Configuration.Topology);
        Assert.Equal(20036, Assert.Single(_bed.EventsAfter(since)).Code);
    }

    [Fact]
    public async Task PollAsync_ConcurrentWriteOfTheVm_IsNotClobbered()
    {
        var vm = await _bed.AddRunningVmAsync();
        _bed.Vms.EditConcurrentlyBeforeNextUpdate();
        _bed.Agent.Vms[vm.Id.ToString()].GuestCpuCount = -1;

        await _bed.PollAsync();

        // The report predates the concurrent write, so it is not applied over it; the next poll brings the counts.
        Assert.Equal(("concurrent", 1), (_bed.Vms.Get(vm.Id).Configuration.Description, _bed.Vms.Get(vm.Id).GuestCpuCount));
        await _bed.PollAsync();

        var stored = _bed.Vms.Get(vm.Id);
        Assert.Equal(("concurrent", -1), (stored.Configuration.Description, stored.GuestCpuCount));
    }
}
