using Hotset.Core.Agent;
using Hotset.Core.Vms;
using Hotset.Engine.Commands;
using Hotset.Engine.Hosts;
using Hotset.Engine.Tests.Fakes;
using Hotset.Engine.Vms;
using Hotset.Engine.Vms.Migration;
using Host = Hotset.Engine.Hosts.Host;

namespace Hotset.Engine.Tests.Commands;

/// <summary>Live migration over two fake host agents: refusals before anything starts, the follow, its ends.</summary>
public sealed class MigrateVmCommandTests
{
    private readonly EngineTestBed _bed = new();

    private Task<CommandResult> MigrateAsync(Guid vmId, Host? to = null, string? name = null) =>
        _bed.Migrate.RunAsync(new MigrateVm(vmId, to?.Id, name, EngineTestBed.Admin), default);

    /// <summary>A VM started with 1 vCPU and hot plugged to 3, Up on host1; the audit log cleared.</summary>
    private async Task<Vm> PluggedVmAsync(string name = "vm1")
    {
        var vm = await _bed.AddRunningVmAsync(name);
        var outcome = await _bed.UpdateAsync(vm.Id, new VmPatch { Sockets = 3 });
        Assert.Equal(HotSetResult.Applied, outcome.HotSet?.Result);
        _bed.Audit.Clear();
        return _bed.Vms.Get(vm.Id);
    }

    [Fact]
    public async Task RunAsync_PluggedVmToNamedHost_RunsThereWithItsCountsAndEvents62And63()
    {
        var vm = await PluggedVmAsync();
        var host2 = await _bed.AddHostAsync("host2");
        var writesWithEvents = _bed.Vms.WritesWithEvents;

        var result = await MigrateAsync(vm.Id, name: "HOST2");
        await _bed.MigrationsEndedAsync();

        Assert.True(result.Succeeded, string.Join("; ", result.Faults.Select(f => f.Message)));
        var create = Assert.Single(_bed.Agents[host2.Id].MigrationCreates);
        Assert.Equal((3, 16), (create.VmParams.NumberOfCpus, create.VmParams.MaxVCpus));
        var moved = _bed.Vms.Get(vm.Id);
        Assert.Equal((VmStatus.Up, host2.Id, 3, 3, 3), (moved.Status, moved.RunOnHostId, moved.Configuration.Topology.Sockets,
            moved.VcpuCount, moved.GuestCpuCount));
        Assert.False(_bed.Agent.Vms.ContainsKey(vm.Id.ToString()));
        Assert.Equal([62, 63], _bed.Audit.Codes);
        Assert.Equal(writesWithEvents + 1, _bed.Vms.WritesWithEvents); // 63 is stored with the move: nobody sees one without the other
        Assert.Equal("Migration started (VM: vm1, Source: host1, Destination: host2, User: admin@internal).",
            _bed.Audit.Events[0].Message);
        Assert.Matches(@"^Migration completed \(VM: vm1, Source: host1, Destination: host2, Duration: [\d.]+ seconds, " +
            @"Total: 0\.55 seconds, Actual downtime: 90ms\)$", _bed.Audit.Events[1].Message);
    }

    [Fact]
    public async Task RunAsync_NoHostNamed_ChoosesTheHostWithMostFreeVcpus()
    {
        var vm = await PluggedVmAsync();
        var busy = await _bed.AddHostAsync("host2");
        var free = await _bed.AddHostAsync("host3");
        var other = await _bed.AddVmAsync("other", new CpuTopology(4, 1, 1));
        await _bed.Vms.UpdateAsync(_bed.Vms.Get(other.Id) with { Status = VmStatus.Up, RunOnHostId = busy.Id }, default);

        var result = await MigrateAsync(vm.Id);
        await _bed.MigrationsEndedAsync();

        Assert.True(result.Succeeded);
        Assert.Equal(free.Id, _bed.Vms.Get(vm.Id).RunOnHostId);
    }

    [Fact]
    public async Task RunAsync_ToItsOwnHost_RefusedBeforeAnythingStarts()
    {
        var vm = await PluggedVmAsync();
        await AssertRefusedAsync(vm, await MigrateAsync(vm.Id, _bed.Host), "MIGRATION_TO_SAME_HOST",
            "Cannot migrate VM. Source and destination Hosts are the same.");
    }

    [Fact]
    public async Task RunAsync_DestinationNotUp_Refused()
    {
        var vm = await PluggedVmAsync();
        var down = await _bed.AddHostAsync("host2", HostStatus.NonResponsive);
        await AssertRefusedAsync(vm, await MigrateAsync(vm.Id, down), "DESTINATION_HOST_NOT_UP",
            "Cannot migrate VM. Destination host host2 is NonResponsive, not Up;");
    }

    [Fact]
    public async Task RunAsync_DestinationTooSmallForCurrentCount_RefusedNamingTheRoom()
    {
        var vm = await PluggedVmAsync();
        var small = await _bed.AddHostAsync("small");
        await _bed.Hosts.UpdateAsync(small with { Capabilities = small.Capabilities! with { CpuCores = 2, CpuThreads = 2 } }, default);
        await AssertRefusedAsync(vm, await MigrateAsync(vm.Id, name: "small"), "DESTINATION_HOST_TOO_SMALL",
            "Cannot migrate VM. Host small has room for 2 vCPUs, and VM 'vm1' runs 3.");
    }

    [Fact]
    public async Task RunAsync_DestinationMaxBelowStartTimeMax_Refused()
    {
        var vm = await PluggedVmAsync();
        var small = await _bed.AddHostAsync("small");
        await _bed.Hosts.UpdateAsync(small with { Capabilities = small.Capabilities! with { MaxVCpus = 8 } }, default);
        await AssertRefusedAsync(vm, await MigrateAsync(vm.Id, name: "small"), "DESTINATION_HOST_MAX_VCPUS_TOO_LOW",
            "Cannot migrate VM. VM 'vm1' was started with room for 16 vCPUs, and host small can give a VM at most 8.");
    }

    [Fact]
    public async Task RunAsync_NoOtherHost_Refused()
    {
        var vm = await PluggedVmAsync();
        await AssertRefusedAsync(vm, await MigrateAsync(vm.Id), "NO_HOST_TO_MIGRATE_TO",
            "Cannot migrate VM. No other host of cluster Default is Up");
    }

    [Fact]
    public async Task RunAsync_UnknownHost_NotFound()
    {
        var vm = await PluggedVmAsync();
        await AssertRefusedAsync(vm, await MigrateAsync(vm.Id, name: "nowhere"), "HOST_NOT_FOUND",
            "Cannot migrate VM. There is no host named 'nowhere';");
    }

    [Fact]
    public async Task RunAsync_VmDown_Refused()
    {
        var vm = await _bed.AddVmAsync();
        await _bed.AddHostAsync("host2");
        var result = await MigrateAsync(vm.Id);
        Assert.Equal("VM_IS_NOT_RUNNING", Assert.Single(result.Faults).Code);
        Assert.StartsWith("Cannot migrate VM. VM is not running.", result.Faults[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_SourceRefusesToMigrate_ConflictDestinationCleanedVmUnchanged()
    {
        var vm = await PluggedVmAsync();
        var host2 = await _bed.AddHostAsync("host2");
        _bed.Agent.MigrateError = new AgentException(AgentErrorCodes.MigrationFailed,
            "VM had a vCPU unplugged in this QEMU's life; QEMU 10 cannot migrate it.");

        var result = await MigrateAsync(vm.Id, host2);

        var fault = Assert.Single(result.Faults);
        Assert.Equal("MIGRATION_REFUSED", fault.Code);
        Assert.Contains("QEMU 10 cannot migrate it (agent error 12).", fault.Message, StringComparison.Ordinal);
        Assert.Empty(_bed.Agents[host2.Id].Vms);
        Assert.Equal((VmStatus.Up, _bed.Host.Id), (_bed.Vms.Get(vm.Id).Status, _bed.Vms.Get(vm.Id).RunOnHostId));
        Assert.Equal([62, 65], _bed.Audit.Codes);
        Assert.False(_bed.Locks.IsHeld(vm.Id));
    }

    [Fact]
    public async Task RunAsync_MigrationFails_VmUpOnSourceDestinationCleanedEventSaysWhy()
    {
        var vm = await PluggedVmAsync();
        var host2 = await _bed.AddHostAsync("host2");
        _bed.Agent.MigrationMode = FakeMigrationMode.Fail;

        Assert.True((await MigrateAsync(vm.Id, host2)).Succeeded);
        await _bed.MigrationsEndedAsync();

        var stored = _bed.Vms.Get(vm.Id);
        Assert.Equal((VmStatus.Up, _bed.Host.Id, 3), (stored.Status, stored.RunOnHostId, stored.Configuration.Topology.Sockets));
        Assert.Empty(_bed.Agents[host2.Id].Vms);
        Assert.Equal([62, 65], _bed.Audit.Codes);
        Assert.Equal("Migration failed: Migration failed: Unable to write to socket: Broken pipe (VM: vm1, Source: host1).",
            _bed.Audit.Events[1].Message);
    }

    [Fact]
    public async Task CancelAsync_MidMigration_VmUpOnSourceUnchanged()
    {
        var vm = await PluggedVmAsync();
        var host2 = await _bed.AddHostAsync("host2");
        _bed.Agent.MigrationMode = FakeMigrationMode.Hold;
        Assert.True((await MigrateAsync(vm.Id, host2)).Succeeded);
        Assert.Equal(VmStatus.MigratingFrom, _bed.Vms.Get(vm.Id).Status);

        var cancel = await _bed.CancelMigration.RunAsync(new VmAction(vm.Id, EngineTestBed.Admin), default);

        Assert.True(cancel.Succeeded);
        var stored = _bed.Vms.Get(vm.Id);
        Assert.Equal((VmStatus.Up, _bed.Host.Id, 3), (stored.Status, stored.RunOnHostId, stored.Configuration.Topology.Sockets));
        Assert.Empty(_bed.Agents[host2.Id].Vms);
        Assert.Contains("it was cancelled by admin@internal", _bed.Audit.Events[^1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancelAsync_NotMigrating_Conflict()
    {
        var vm = await PluggedVmAsync();
        var result = await _bed.CancelMigration.RunAsync(new VmAction(vm.Id, EngineTestBed.Admin), default);
        Assert.Equal("VM_NOT_MIGRATING", Assert.Single(result.Faults).Code);
    }

    [Fact]
    public async Task Follow_StuckInSetup_EngineCancelsAndReports()
    {
        var vm = await PluggedVmAsync();
        var host2 = await _bed.AddHostAsync("host2");
        _bed.Agent.MigrationMode = FakeMigrationMode.StuckInSetup;

        Assert.True((await MigrateAsync(vm.Id, host2)).Succeeded);
        await _bed.MigrationsEndedAsync();

        Assert.Contains(AgentMethods.MigrateCancel, _bed.Agent.Calls);
        Assert.Equal(VmStatus.Up, _bed.Vms.Get(vm.Id).Status);
        Assert.Contains("cancelled by the engine (stuck in setup)", _bed.Audit.Events[^1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_DuringMigration_SocketsStoredForNextRunNoHostCalled()
    {
        var vm = await PluggedVmAsync();
        var host2 = await _bed.AddHostAsync("host2");
        _bed.Agent.MigrationMode = FakeMigrationMode.Hold;
        await MigrateAsync(vm.Id, host2);

        var outcome = await _bed.UpdateAsync(vm.Id, new VmPatch { Sockets = 4 });

        Assert.True(outcome.Result.Succeeded);
        Assert.Equal(HotSetResult.NextRun, outcome.HotSet?.Result);
        Assert.DoesNotContain(_bed.Agent.Calls, c => c.StartsWith("VM.setNumberOfCpus 4", StringComparison.Ordinal));
        Assert.Equal((3, 4), (_bed.Vms.Get(vm.Id).Configuration.Topology.Sockets, _bed.Vms.Get(vm.Id).NextRun?.Topology.Sockets));

        _bed.Agent.MigrationMode = FakeMigrationMode.Complete;
        await _bed.MigrationsEndedAsync();
        var moved = _bed.Vms.Get(vm.Id);
        Assert.Equal((host2.Id, 3, 4), (moved.RunOnHostId, moved.Configuration.Topology.Sockets, moved.NextRun?.Topology.Sockets));
    }

    [Fact]
    public async Task Stop_DuringMigration_VmDownOnBothHosts()
    {
        var vm = await PluggedVmAsync();
        var host2 = await _bed.AddHostAsync("host2");
        _bed.Agent.MigrationMode = FakeMigrationMode.Hold;
        await MigrateAsync(vm.Id, host2);

        var stop = await _bed.Stop.RunAsync(new VmAction(vm.Id, EngineTestBed.Admin), default);
        await _bed.MigrationsEndedAsync();

        Assert.True(stop.Succeeded);
        Assert.Equal(VmStatus.Down, _bed.Vms.Get(vm.Id).Status);
        Assert.Empty(_bed.Agent.Vms);
        Assert.Empty(_bed.Agents[host2.Id].Vms);
        Assert.Contains("the VM was stopped during the migration", _bed.Audit.Events[^1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Poll_DuringMigration_LeavesTheVmAlone()
    {
        var vm = await PluggedVmAsync();
        var host2 = await _bed.AddHostAsync("host2");
        _bed.Agent.MigrationMode = FakeMigrationMode.Hold;
        await MigrateAsync(vm.Id, host2);
        _bed.Agent.Vms[vm.Id.ToString()].Status = "Down";

        await _bed.PollAsync();

        Assert.Equal(VmStatus.MigratingFrom, _bed.Vms.Get(vm.Id).Status);
        _bed.Agent.Vms[vm.Id.ToString()].Status = "Migration Source";
        await _bed.CancelMigration.RunAsync(new VmAction(vm.Id, EngineTestBed.Admin), default);
    }

    private async Task AssertRefusedAsync(Vm vm, CommandResult result, string code, string messageStart)
    {
        var fault = Assert.Single(result.Faults);
        Assert.Equal(code, fault.Code);
        Assert.StartsWith(messageStart, fault.Message, StringComparison.Ordinal);
        Assert.Empty(_bed.Audit.Events);
        Assert.DoesNotContain(_bed.Agents.All.SelectMany(a => a.Calls), c => c.StartsWith("VM.migrat", StringComparison.Ordinal));
        var stored = await _bed.Vms.GetAsync(vm.Id, default);
        Assert.Equal((vm.Status, vm.RunOnHostId, vm.Version), (stored!.Status, stored.RunOnHostId, stored.Version));
    }
}
