using FsCheck.Xunit;
using Hotset.Engine.Api;
using Hotset.Engine.Audit;
using Hotset.Engine.Vms;
using Hotset.Engine.Vms.Preview;

namespace Hotset.Engine.Tests.Preview;

/// <summary>
/// SPEC §13's promise: for random engine states, every outcome of the preview is what <c>PUT /vms/{id}</c> with that
/// sockets value then does — the status and fault text of a refusal (mapped by <see cref="FaultResults"/>, as the
/// endpoint maps them), whether the CPUs were hot set, what is stored now and for the next run, and the event text.
/// Each update runs on a fresh copy of the state (<see cref="PreviewWorld.Build"/>), through the engine's commands.
/// </summary>
[Properties(Arbitrary = [typeof(PreviewArbitraries)], MaxTest = 300)]
public sealed class CpuOptionsPutProperties
{
    [Property]
    public void EveryOption_IsWhatPutDoes(PreviewScenario scenario)
    {
        var vmId = Guid.NewGuid();
        var preview = PreviewWorld.Build(scenario, vmId).Preview(scenario.NextRun);
        Assert.Equal(Enumerable.Range(1, preview.Options.Count), preview.Options.Select(o => o.Sockets));
        Assert.Contains(preview.Options, o => o.Sockets == preview.Topology.Sockets);
        foreach (var option in preview.Options)
        {
            var world = PreviewWorld.Build(scenario, vmId);
            var before = world.Vm;
            var lastEvent = world.Bed.LastEventId;
            var outcome = world.Bed.UpdateAsync(vmId, new VmPatch { Sockets = option.Sockets }, scenario.NextRun)
                .GetAwaiter().GetResult();
            Check(option, before, outcome, world.Vm, world.Bed.EventsAfter(lastEvent));
        }
    }

    private static void Check(CpuOption option, Vm before, UpdateVmOutcome put, Vm after, IReadOnlyList<AuditEvent> events)
    {
        var said = $"sockets {option.Sockets}: preview {option.Outcome}";
        if (option.Outcome == CpuOptionOutcome.Refused)
        {
            Assert.False(put.Result.Succeeded, said);
            var (expected, actual) = (option.Faults.ToFaultResult(), put.Result.ToFaultResult());
            Assert.Equal((expected.StatusCode, expected.Node.Value("detail")), (actual.StatusCode, actual.Node.Value("detail")));
            Assert.Equal(before, after);
            Assert.Empty(events);
            return;
        }

        Assert.True(put.Result.Succeeded, $"{said}, PUT: {string.Join("; ", put.Result.Faults.Select(f => f.Message))}");
        var hotSet = put.HotSet;
        var live = (before.Configuration.Topology, after.Configuration.Topology);
        switch (option.Outcome)
        {
            case CpuOptionOutcome.Unchanged:
                Assert.Null(hotSet);
                Assert.Equal(live.Item1, live.Item2);
                break;
            case CpuOptionOutcome.HotPlug or CpuOptionOutcome.HotUnplug:
                Assert.Equal(HotSetResult.Applied, hotSet?.Result);
                Assert.Equal(option.Sockets, after.Configuration.Topology.Sockets);
                Assert.Equal(option.Outcome == CpuOptionOutcome.HotPlug, option.Sockets > before.Configuration.Topology.Sockets);
                Assert.Contains(events, e => e.Code == AuditEventCodes.HotSet);
                break;
            case CpuOptionOutcome.NotApplied:
                Assert.Equal(HotSetResult.Failed, hotSet?.Result);
                Assert.Equal(live.Item1, live.Item2);
                Assert.Equal(option.Event?.Message, Assert.Single(events, e => e.Code == AuditEventCodes.HotSetFailed).Message);
                break;
            case CpuOptionOutcome.NextRun when before.Status == Core.Vms.VmStatus.Down:
                Assert.Null(hotSet);
                Assert.Equal(option.Sockets, after.Configuration.Topology.Sockets);
                break;
            case CpuOptionOutcome.NextRun:
                Assert.Equal(HotSetResult.NextRun, hotSet?.Result);
                Assert.Equal(live.Item1, live.Item2);
                Assert.Equal(option.Sockets, after.NextRun?.Topology.Sockets);
                if (hotSet?.Message is { } message)
                {
                    Assert.Equal(option.Reason, message);
                    Assert.Equal(message, Assert.Single(events, e => e.Code == AuditEventCodes.HotSetRebootRequired).Message);
                }

                break;
        }

        Assert.DoesNotContain(events, e => option.Outcome != CpuOptionOutcome.NotApplied && e.Code == AuditEventCodes.HotSetFailed);
    }
}
