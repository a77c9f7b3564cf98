using Hotset.Core.Config;
using Hotset.Core.Vms;
using Hotset.Engine.Tests.Fakes;
using Hotset.Engine.Vms;
using Hotset.Engine.Vms.Commands;

namespace Hotset.Engine.Tests.Commands;

/// <summary>SPEC §4 child-step checks: they become event 2034 and the update still succeeds.</summary>
public sealed class HotSetNumberOfCpusCommandTests
{
    private readonly EngineTestBed _bed = new();

    [Fact]
    public async Task RunAsync_UnplugUnsupportedByGuestOs_Logs2034WithTheCheck()
    {
        var vm = await _bed.AddRunningVmAsync(topology: new CpuTopology(2, 1, 1), osType: "other");
        var since = _bed.LastEventId;

        var outcome = await _bed.UpdateAsync(vm.Id, new VmPatch { Sockets = 1 });

        Assert.True(outcome.Result.Succeeded);
        Assert.Equal(HotSetResult.Failed, outcome.HotSet!.Result);
        Assert.Equal(2, _bed.Vms.Get(vm.Id).Configuration.Topology.Sockets);
        Assert.Equal(
            "Failed to hot set number of CPUS to VM vm1. Underlying error message: " +
            "Hot un-plugging a CPU is not supported for the guest OS Other OS and architecture x86_64.",
            _bed.EventsAfter(since)[0].Message);
        Assert.DoesNotContain(_bed.Agent.Calls, c => c.StartsWith("VM.setNumberOfCpus", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_SeveralChecksFail_MessagesJoinedByComma()
    {
        var vm = await _bed.AddRunningVmAsync(topology: new CpuTopology(2, 1, 1), osType: "other");
        _bed.Config.Config = EngineConfig.Defaults.With(
            [new ConfigOverride(ConfigKey.HotUnplugCpuSupported, CompatibilityVersion.V4_8, null, "false")]);
        var since = _bed.LastEventId;

        var outcome = await _bed.UpdateAsync(vm.Id, new VmPatch { Sockets = 1 });

        Assert.Equal(
            "Hot un-plugging a CPU is not supported for cluster version 4.8 and architecture x86_64.," +
            "Hot un-plugging a CPU is not supported for the guest OS Other OS and architecture x86_64.",
            outcome.HotSet!.Message);
        Assert.EndsWith(outcome.HotSet.Message!, _bed.EventsAfter(since)[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_VmNotUp_Logs2034WithStatus()
    {
        var vm = await _bed.AddRunningVmAsync();
        var request = new HotSetNumberOfCpus(vm with { Status = VmStatus.Paused }, _bed.Host, _bed.Cluster,
            EngineConfig.Defaults.LimitsFor(_bed.Cluster.Version, _bed.Cluster.Architecture), HotSetAction.HotPlug,
            new CpuTopology(2, 1, 1), EngineTestBed.Admin);

        var step = await _bed.HotSet.RunAsync(request, default);
        var outcome = step.Outcome;

        Assert.Equal("Cannot hot set cpus VM because the VM is in Paused status.", outcome.Message);
        Assert.Equal(1, _bed.Vms.Get(vm.Id).Configuration.Topology.Sockets);
        Assert.Equal((2034, null), (step.Event.Code, step.Change));
        Assert.DoesNotContain(_bed.Agent.Calls, c => c.StartsWith("VM.setNumberOfCpus", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_HostDidIt_StoresNothingAndReturnsTheNewSocketsAnd2033()
    {
        var vm = await _bed.AddRunningVmAsync();
        var (writes, since) = (_bed.Vms.Writes, _bed.LastEventId);
        var request = new HotSetNumberOfCpus(vm, _bed.Host, _bed.Cluster,
            EngineConfig.Defaults.LimitsFor(_bed.Cluster.Version, _bed.Cluster.Architecture), HotSetAction.HotPlug,
            new CpuTopology(3, 1, 1), EngineTestBed.Admin);

        var step = await _bed.HotSet.RunAsync(request, default);

        Assert.Equal(new HotSetOutcome(HotSetResult.Applied, 1, 3, null), step.Outcome);
        Assert.Equal(2033, step.Event.Code);
        Assert.Equal(3, step.Change!(vm)!.Configuration.Topology.Sockets);
        Assert.Equal(3, _bed.Agent.Vms[vm.Id.ToString()].VcpuCount);
        Assert.Equal((writes, 1), (_bed.Vms.Writes, _bed.Vms.Get(vm.Id).Configuration.Topology.Sockets));
        Assert.Empty(_bed.EventsAfter(since));
    }
}
