using Hotset.Core.Agent;
using Hotset.Core.Vms;
using Hotset.Engine.Tests.Fakes;
using Hotset.Engine.Vms;

namespace Hotset.Engine.Tests.Commands;

/// <summary>Start, stop, shutdown and reboot over a fake host agent.</summary>
public sealed class LifecycleCommandTests
{
    private readonly EngineTestBed _bed = new();

    private Task<Engine.Commands.CommandResult> StartAsync(Guid vmId) =>
        _bed.Start.RunAsync(new VmAction(vmId, EngineTestBed.Admin), default);

    [Fact]
    public async Task StartAsync_DownVm_CreatesOnHostAndIsUp()
    {
        var vm = await _bed.AddVmAsync();

        var result = await StartAsync(vm.Id);

        Assert.True(result.Succeeded);
        var definition = Assert.Single(_bed.Agent.Created);
        Assert.Equal((vm.Id.ToString(), 1, 16, "pc", null), (definition.VmId, definition.NumberOfCpus,
            definition.MaxVCpus, definition.Machine, definition.Kernel));
        var stored = _bed.Vms.Get(vm.Id);
        Assert.Equal((VmStatus.Up, _bed.Host.Id, 16, 1), (stored.Status, stored.RunOnHostId, stored.StartedMaxVCpus,
            stored.VcpuCount));
        Assert.Equal(
            ["VM vm1 was started by admin@internal (Host: host1).", "VM vm1 started on Host host1"],
            _bed.Audit.Events.Select(e => e.Message));
        Assert.Equal([153, 32], _bed.Audit.Codes);
    }

    [Fact]
    public async Task StartAsync_MaxOverride_UsedAsMax()
    {
        var vm = await _bed.AddVmAsync();
        await _bed.UpdateAsync(vm.Id, new VmPatch { MaxVCpusOverride = 4 });

        await StartAsync(vm.Id);

        Assert.Equal(4, _bed.Agent.Created[^1].MaxVCpus);
        Assert.Equal(4, _bed.Vms.Get(vm.Id).StartedMaxVCpus);
    }

    [Fact]
    public async Task StartAsync_GuestStillBooting_PoweringUpUntilMonitoringSeesUp()
    {
        _bed.Agent.StartStatus = "Powering up";
        var vm = await _bed.AddVmAsync();

        await StartAsync(vm.Id);
        Assert.Equal(VmStatus.PoweringUp, _bed.Vms.Get(vm.Id).Status);
        Assert.Equal([153], _bed.Audit.Codes);

        _bed.Agent.Vms[vm.Id.ToString()].Status = "Up";
        await _bed.PollAsync();

        Assert.Equal(VmStatus.Up, _bed.Vms.Get(vm.Id).Status);
        Assert.Equal([153, 32], _bed.Audit.Codes);
    }

    [Fact]
    public async Task StartAsync_UpVm_Conflict()
    {
        var vm = await _bed.AddRunningVmAsync();

        var result = await StartAsync(vm.Id);

        var fault = Assert.Single(result.Faults);
        Assert.Equal("VM_IS_RUNNING", fault.Code);
        Assert.StartsWith("Cannot run VM. VM is running.", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_NoHostWithRoom_ConflictUntilOvercommitAllowsIt()
    {
        var vm = await _bed.AddVmAsync(topology: new CpuTopology(12, 1, 1));

        var refused = await StartAsync(vm.Id);
        await _bed.Clusters.UpdateAsync(_bed.Cluster with { VcpuOvercommitRatio = 2 }, default);
        var started = await StartAsync(vm.Id);

        Assert.Equal("NO_HOST_WITH_ROOM", Assert.Single(refused.Faults).Code);
        Assert.Contains("12 vCPUs", refused.Faults[0].Message, StringComparison.Ordinal);
        Assert.True(started.Succeeded);
    }

    [Fact]
    public async Task StartAsync_HostRefusesCreate_DownWithHostText()
    {
        var vm = await _bed.AddVmAsync();
        _bed.Agent.CreateError = new AgentException(AgentErrorCodes.CannotCreateVm, "QEMU 7.2 is too old; QEMU 10 is required");

        var result = await StartAsync(vm.Id);

        var fault = Assert.Single(result.Faults);
        Assert.Equal(Core.Faults.FaultKind.HostFailure, fault.Kind);
        Assert.EndsWith("QEMU 7.2 is too old; QEMU 10 is required", fault.Message, StringComparison.Ordinal);
        var stored = _bed.Vms.Get(vm.Id);
        Assert.Equal((VmStatus.Down, (Guid?)null, 0), (stored.Status, stored.RunOnHostId, stored.StartedMaxVCpus));
    }

    [Fact]
    public async Task StopAsync_UpVm_DestroysAndLogs33()
    {
        var vm = await _bed.AddRunningVmAsync();
        var since = _bed.LastEventId;

        var result = await _bed.Stop.RunAsync(new VmAction(vm.Id, EngineTestBed.Admin, "maintenance"), default);

        Assert.True(result.Succeeded);
        Assert.Empty(_bed.Agent.Vms);
        var stored = _bed.Vms.Get(vm.Id);
        Assert.Equal((VmStatus.Down, (Guid?)null, -1), (stored.Status, stored.RunOnHostId, stored.VcpuCount));
        var e = Assert.Single(_bed.EventsAfter(since));
        Assert.Equal((33, "VM vm1 powered off by admin@internal (Host: host1) (Reason: maintenance)."), (e.Code, e.Message));
    }

    [Fact]
    public async Task StopAsync_DownVm_Conflict()
    {
        var vm = await _bed.AddVmAsync();

        var result = await _bed.Stop.RunAsync(new VmAction(vm.Id, EngineTestBed.Admin), default);

        Assert.Equal("VM_IS_NOT_RUNNING", Assert.Single(result.Faults).Code);
    }

    [Fact]
    public async Task ShutdownAsync_GuestGoesDown_MonitoringLogs61AndAppliesNextRun()
    {
        var vm = await _bed.AddRunningVmAsync();
        await _bed.UpdateAsync(vm.Id, new VmPatch { Sockets = 2 }, nextRun: true);
        var since = _bed.LastEventId;

        var result = await _bed.Shutdown.RunAsync(new VmAction(vm.Id, EngineTestBed.Admin), default);
        Assert.True(result.Succeeded);
        Assert.Equal(VmStatus.PoweringDown, _bed.Vms.Get(vm.Id).Status);
        await _bed.PollAsync();
        Assert.Equal(VmStatus.PoweringDown, _bed.Vms.Get(vm.Id).Status);

        var fake = _bed.Agent.Vms[vm.Id.ToString()];
        (fake.Status, fake.ExitMessage) = ("Down", "User shut down from within the guest");
        await _bed.PollAsync();

        var stored = _bed.Vms.Get(vm.Id);
        Assert.Equal(VmStatus.Down, stored.Status);
        Assert.Equal(2, stored.Configuration.Topology.Sockets);
        Assert.Null(stored.NextRun);
        Assert.Empty(_bed.Agent.Vms);
        Assert.Equal(
            ["VM shutdown initiated by admin@internal on VM vm1 (Host: host1).",
             "VM vm1 is down. User shut down from within the guest"],
            _bed.EventsAfter(since).Select(e => e.Message));
        Assert.Equal([73, 61], _bed.EventsAfter(since).Select(e => e.Code));
    }

    [Fact]
    public async Task RebootAsync_DownVm_Conflict()
    {
        var vm = await _bed.AddVmAsync();

        var result = await _bed.Reboot.RunAsync(new VmAction(vm.Id, EngineTestBed.Admin), default);

        Assert.Equal("VM_IS_NOT_RUNNING", Assert.Single(result.Faults).Code);
    }
}
