using Hotset.Core.Agent;

namespace Hotset.Agent.Tests.Verbs.RealQemu;

/// <summary>Live migration between two agents on this machine, real QEMU 10 and the test guest.</summary>
[Collection(RealQemuGroup.Name)]
public sealed class RealQemuMigrationTests : TwoAgentsTestBase
{
    [Fact]
    public async Task Migrate_PluggedToThree_DestinationRunsThreeAndSurvivesRestart_SourceQemuGone_AndBackWithFour()
    {
        var vm = await BootAsync(A, cpus: 3, max: 4);
        var sourcePid = A.Track(vm.VmId);

        var uri = await ExpectAsync(A, B, vm);
        Assert.Equal(AgentVmStatus.MigrationDestination, (await B.Rpc.StatsAsync(vm.VmId)).Status);
        await MigrateAsync(A, vm.VmId, uri);
        var done = await UntilFinishedAsync(A, vm.VmId);

        Assert.True(done.Status == MigrationStatus.Completed, done.ToString());
        Assert.True(done.DowntimeMs >= 0 && done.TotalTimeMs > 0, done.ToString());
        await UntilGoneAsync(sourcePid);
        var source = await A.Rpc.StatsAsync(vm.VmId);
        Assert.Equal((AgentVmStatus.Down, VmExitCodes.Normal), (source.Status, source.ExitCode));
        await UntilVmStatusAsync(B, vm.VmId, AgentVmStatus.Up);
        var destination = await B.UntilCpusAsync(vm.VmId, 3);
        Assert.Equal([0, 1, 2], destination.VcpuSlots);
        Assert.Equal(MigrationStatus.Completed, (await UntilFinishedAsync(B, vm.VmId)).Status);

        await B.RestartAsync();
        await B.UntilCpusAsync(vm.VmId, 3);
        await B.Rpc.ResultAsync(AgentMethods.SetNumberOfCpus, new { vmID = vm.VmId, numberOfCpus = 4 });
        await B.UntilCpusAsync(vm.VmId, 4);

        // Back to A, as the engine would: it clears the Down record first.
        await A.Rpc.ResultAsync(AgentMethods.Destroy, new { vmID = vm.VmId });
        var destinationPid = B.Track(vm.VmId);
        var back = await ExpectAsync(B, A, vm);
        await MigrateAsync(B, vm.VmId, back);

        Assert.Equal(MigrationStatus.Completed, (await UntilFinishedAsync(B, vm.VmId)).Status);
        await UntilGoneAsync(destinationPid);
        var home = await A.UntilCpusAsync(vm.VmId, 4);
        Assert.Equal([0, 1, 2, 3], home.GuestCpusOnline);
    }

    [Fact]
    public async Task MigrateCancel_MidMigration_VmKeepsRunningOnSourceUnchanged_HotSetRefusedMeanwhile_DestinationQemuEnds()
    {
        var vm = await BootAsync(A, cpus: 2, max: 4);
        var uri = await ExpectAsync(A, B, vm);
        var destinationPid = B.Track(vm.VmId);

        await MigrateAsync(A, vm.VmId, uri, maxBandwidth: 1);
        await UntilStatusAsync(A, vm.VmId, s => s.Status == MigrationStatus.Active, "active");
        Assert.Equal(AgentVmStatus.MigrationSource, (await A.Rpc.StatsAsync(vm.VmId)).Status);
        var onSource = await A.Rpc.ErrorAsync(AgentMethods.SetNumberOfCpus, new { vmID = vm.VmId, numberOfCpus = 3 });
        var onDestination = await B.Rpc.ErrorAsync(AgentMethods.SetNumberOfCpus, new { vmID = vm.VmId, numberOfCpus = 3 });
        var second = await A.Rpc.ErrorAsync(AgentMethods.Migrate, new { vmID = vm.VmId, incomingUri = uri });
        await A.Rpc.ResultAsync(AgentMethods.MigrateCancel, new { vmID = vm.VmId });
        var end = await UntilFinishedAsync(A, vm.VmId);

        Assert.Equal(
            (AgentErrorCodes.MigrationInProgress, AgentErrorCodes.MigrationInProgress, AgentErrorCodes.MigrationInProgress),
            (onSource.Code, onDestination.Code, second.Code));
        Assert.Contains("Command not supported during migration", onSource.Message, StringComparison.Ordinal);
        Assert.True(end.Status == MigrationStatus.Cancelled, end.ToString());
        var source = await A.UntilCpusAsync(vm.VmId, 2);
        Assert.Equal(AgentVmStatus.Up, source.Status);
        Assert.Equal([0, 1], source.VcpuSlots);
        await UntilVmStatusAsync(B, vm.VmId, AgentVmStatus.Down);
        await UntilGoneAsync(destinationPid);
        Assert.Equal(MigrationStatus.Failed, (await UntilFinishedAsync(B, vm.VmId)).Status);
        await B.Rpc.ResultAsync(AgentMethods.Destroy, new { vmID = vm.VmId });

        // The VM is still a normal VM on A: a hot set works again.
        await A.Rpc.ResultAsync(AgentMethods.SetNumberOfCpus, new { vmID = vm.VmId, numberOfCpus = 3 });
        await A.UntilCpusAsync(vm.VmId, 3);
    }

    [Fact]
    public async Task Migrate_DestinationQemuKilledMidMigration_VmKeepsRunningOnSource()
    {
        var vm = await BootAsync(A, cpus: 2, max: 4);
        var uri = await ExpectAsync(A, B, vm);
        var destinationPid = B.Track(vm.VmId);

        await MigrateAsync(A, vm.VmId, uri, maxBandwidth: 1);
        await UntilStatusAsync(A, vm.VmId, s => s.Status == MigrationStatus.Active, "active");
        System.Diagnostics.Process.GetProcessById(destinationPid).Kill();
        var end = await UntilFinishedAsync(A, vm.VmId);

        Assert.True(end.Status == MigrationStatus.Failed, end.ToString());
        Assert.Contains("keeps running on this host", end.Message, StringComparison.Ordinal);
        var source = await A.UntilCpusAsync(vm.VmId, 2);
        Assert.Equal(AgentVmStatus.Up, source.Status);
        await UntilVmStatusAsync(B, vm.VmId, AgentVmStatus.Down);
    }

    [Fact]
    public async Task Migrate_DestinationWithoutThePluggedVcpus_FailsAndTheSourceKeepsRunning()
    {
        var vm = await BootAsync(A, cpus: 2, max: 4);
        var result = await B.Rpc.ResultAsync(AgentMethods.MigrationCreate, new { vmID = vm.VmId, vmParams = vm, vcpuSlots = new[] { 0 } });
        B.Track(vm.VmId);
        var uri = result.GetProperty("incomingUri").GetString()!;

        await MigrateAsync(A, vm.VmId, uri);
        var end = await UntilFinishedAsync(A, vm.VmId);

        Assert.True(end.Status == MigrationStatus.Failed, end.ToString());
        var source = await A.UntilCpusAsync(vm.VmId, 2);
        Assert.Equal(AgentVmStatus.Up, source.Status);
        await UntilVmStatusAsync(B, vm.VmId, AgentVmStatus.Down);
    }

    [Fact]
    public async Task Migrate_VmThatHadAVcpuUnplugged_IsRefusedBeforeAnythingStarts()
    {
        var vm = await BootAsync(A, cpus: 3, max: 4);
        await A.Rpc.ResultAsync(AgentMethods.SetNumberOfCpus, new { vmID = vm.VmId, numberOfCpus = 2 });
        await A.UntilCpusAsync(vm.VmId, 2);
        var uri = await ExpectAsync(A, B, vm);

        var refused = await A.Rpc.ErrorAsync(AgentMethods.Migrate, new { vmID = vm.VmId, incomingUri = uri });

        Assert.Equal(AgentErrorCodes.MigrationFailed, refused.Code);
        Assert.Contains("keeps the state of an unplugged vCPU", refused.Message, StringComparison.Ordinal);
        Assert.Equal(MigrationStatus.None, (await StatusAsync(A, vm.VmId)).Status);
        Assert.Equal(AgentVmStatus.Up, (await A.UntilCpusAsync(vm.VmId, 2)).Status);
    }

    [Fact]
    public async Task Migrate_UriThatIsNoMigrationAddress_IsRefusedAndNothingStarts()
    {
        var vm = await BootAsync(A, cpus: 1, max: 2);

        var exec = await A.Rpc.ErrorAsync(AgentMethods.Migrate, new { vmID = vm.VmId, incomingUri = "exec:touch /tmp/x" });
        var cancel = await A.Rpc.ErrorAsync(AgentMethods.MigrateCancel, new { vmID = vm.VmId });

        Assert.Equal((AgentErrorCodes.InvalidParams, AgentErrorCodes.MigrationNotInProgress), (exec.Code, cancel.Code));
        Assert.Equal(MigrationStatus.None, (await StatusAsync(A, vm.VmId)).Status);
        Assert.Equal(AgentVmStatus.Up, (await A.Rpc.StatsAsync(vm.VmId)).Status);
    }
}
