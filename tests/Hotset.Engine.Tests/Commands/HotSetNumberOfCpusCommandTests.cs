using Hotset.Core.Config;
using Hotset.Core.Vms;
using Hotset.Engine.Tests.Fakes;
using Hotset.Engine.Vms;

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
        var cluster = _bed.Cluster;
        var request = new Engine.Vms.Commands.HotSetNumberOfCpus(vm with { Status = VmStatus.Paused }, cluster,
            HotSetAction.HotPlug, new CpuTopology(2, 1, 1), EngineTestBed.Admin);

        var (_, outcome) = await _bed.HotSet.RunAsync(request, default);

        Assert.Equal("Cannot hot set cpus VM because the VM is in Paused status.", outcome.Message);
        Assert.Equal(1, _bed.Vms.Get(vm.Id).Configuration.Topology.Sockets);
    }
}
