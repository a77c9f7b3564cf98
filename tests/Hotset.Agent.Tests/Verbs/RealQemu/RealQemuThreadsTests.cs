using Hotset.Agent.Tests.Hypervisor.Qemu;
using Hotset.Core.Agent;

namespace Hotset.Agent.Tests.Verbs.RealQemu;

/// <summary>
/// The seed's "CPU thread" test on real QEMU 10 and the test guest: a VM with 2 threads per core grows by whole
/// sockets of cores × threads vCPUs, and the guest's own topology (sysfs, what <c>lscpu</c> reads) shows them so: each
/// vCPU's socket (<c>physical_package_id</c>), the CPUs of that socket (<c>package_cpus_list</c>) and the threads of
/// its core (<c>thread_siblings_list</c>).
/// </summary>
[Collection(RealQemuGroup.Name)]
public class RealQemuThreadsTests : RealAgentTestBase
{
    private const string Topology =
        "for c in /sys/devices/system/cpu/cpu[0-9]*; do t=$c/topology; echo ${c##*/} $(cat $t/physical_package_id) $(cat $t/package_cpus_list) $(cat $t/thread_siblings_list); done";

    [Fact]
    public async Task ThreadsTwo_PlugOneSocketToTwo_GuestSeesTwoSocketsOfTwoThreads()
    {
        var definition = TestGuest.Vm("threads", 2, 4) with { CoresPerSocket = 1, ThreadsPerCore = 2 };
        var vm = await Agent.CreateAsync(definition);
        var guest = new GuestShell(Agent, vm);
        var before = await guest.LinesAsync(Topology);

        await Agent.Rpc.ResultAsync(AgentMethods.SetNumberOfCpus, new { vmID = vm, numberOfCpus = 4 });
        await Agent.UntilCpusAsync(vm, 4);
        var after = await guest.LinesAsync(Topology);

        Assert.Equal(new Dictionary<string, string> { ["cpu0"] = "0 0-1 0-1", ["cpu1"] = "0 0-1 0-1" }, before);
        Assert.Equal(
            new Dictionary<string, string> { ["cpu0"] = "0 0-1 0-1", ["cpu1"] = "0 0-1 0-1", ["cpu2"] = "1 2-3 2-3", ["cpu3"] = "1 2-3 2-3" },
            after);
    }
}
