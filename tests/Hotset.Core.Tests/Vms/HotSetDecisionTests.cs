using Hotset.Core.Vms;
using static Hotset.Core.Vms.HotSetAction;
using static Hotset.Core.Vms.HotSetReason;

namespace Hotset.Core.Tests.Vms;

public sealed class HotSetDecisionTests
{
    public static TheoryData<string, string, VmStatus, bool, CpuPinningPolicy, HotSetAction, HotSetReason> Cases => new()
    {
        // current, requested, status, next_run, policy → action, reason
        { "2x1x1", "4x1x1", VmStatus.Up, false, CpuPinningPolicy.None, HotPlug, SocketsAdded },
        { "4x1x1", "2x1x1", VmStatus.Up, false, CpuPinningPolicy.None, HotUnplug, SocketsRemoved },
        { "1x2x2", "3x2x2", VmStatus.Up, false, CpuPinningPolicy.Manual, HotPlug, SocketsAdded },
        { "2x1x1", "4x1x1", VmStatus.Up, false, CpuPinningPolicy.ResizeAndPinNuma, HotPlug, SocketsAdded },
        { "2x1x1", "4x1x1", VmStatus.Up, true, CpuPinningPolicy.None, NextRun, NextRunRequested },
        { "2x1x1", "4x1x1", VmStatus.Down, false, CpuPinningPolicy.None, PlainUpdate, VmDown },
        { "2x1x1", "4x2x1", VmStatus.Down, true, CpuPinningPolicy.None, PlainUpdate, VmDown },
        { "2x1x1", "2x1x1", VmStatus.Up, false, CpuPinningPolicy.None, PlainUpdate, NoCpuChange },
        { "2x1x1", "2x1x1", VmStatus.Up, true, CpuPinningPolicy.Dedicated, PlainUpdate, NoCpuChange },
        { "2x1x1", "4x1x1", VmStatus.PoweringUp, false, CpuPinningPolicy.None, NextRun, VmNotUp },
        { "2x1x1", "4x1x1", VmStatus.MigratingFrom, false, CpuPinningPolicy.None, NextRun, VmNotUp },
        { "2x1x1", "4x1x1", VmStatus.Paused, false, CpuPinningPolicy.None, NextRun, VmNotUp },
        { "2x1x1", "4x1x1", VmStatus.RebootInProgress, false, CpuPinningPolicy.None, NextRun, VmNotUp },
        // Better: sockets and cores together go wholly to next run.
        { "2x1x1", "4x2x1", VmStatus.Up, false, CpuPinningPolicy.None, NextRun, CoresOrThreadsChanged },
        { "2x1x1", "2x2x1", VmStatus.Up, false, CpuPinningPolicy.None, NextRun, CoresOrThreadsChanged },
        { "2x2x1", "2x2x2", VmStatus.Up, false, CpuPinningPolicy.None, NextRun, CoresOrThreadsChanged },
        { "2x1x1", "4x1x1", VmStatus.Up, false, CpuPinningPolicy.Dedicated, NextRun, ExclusivePinningPolicy },
        { "4x1x1", "2x1x1", VmStatus.Up, false, CpuPinningPolicy.IsolateThreads, NextRun, ExclusivePinningPolicy },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Explain_Case_ExpectedActionAndReason(string current, string requested, VmStatus status, bool nextRun,
        CpuPinningPolicy policy, HotSetAction action, HotSetReason reason)
    {
        var input = new HotSetDecisionInput(Topology(current), Topology(requested), status, nextRun, policy);

        Assert.Equal(new HotSetVerdict(action, reason), HotSetDecision.Explain(input));
        Assert.Equal(action, HotSetDecision.Decide(input));
    }

    internal static CpuTopology Topology(string text)
    {
        var parts = text.Split('x').Select(int.Parse).ToArray();
        return new CpuTopology(parts[0], parts[1], parts[2]);
    }
}
