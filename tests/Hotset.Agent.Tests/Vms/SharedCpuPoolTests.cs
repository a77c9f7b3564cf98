using Hotset.Agent.Vms;
using Hotset.Core.Agent;

namespace Hotset.Agent.Tests.Vms;

public sealed class SharedCpuPoolTests
{
    [Fact]
    public void Of_OtherVmsDedicatedAndManual_OnlyDedicatedPinsLeaveThePool()
    {
        var dedicated = Vm("dedicated", "dedicated", new() { ["0"] = "2", ["1"] = "3" });
        var isolated = Vm("isolated", "isolate_threads", new() { ["0"] = "5" });
        var manual = Vm("manual", "manual", new() { ["0"] = "0-1" });

        var pool = SharedCpuPool.Of([0, 1, 2, 3, 4, 5], [dedicated, isolated, manual]);

        Assert.Equal([0, 1, 4], pool);
    }

    [Fact]
    public void Of_NoOtherVms_AllOnlineHostCpus()
    {
        Assert.Equal([0, 1], SharedCpuPool.Of([0, 1], []));
    }

    private static VmDefinition Vm(string name, string policy, Dictionary<string, string> pins) => new()
    {
        VmId = name,
        VmName = name,
        CpuPolicy = policy,
        CpuPinning = pins,
    };
}
