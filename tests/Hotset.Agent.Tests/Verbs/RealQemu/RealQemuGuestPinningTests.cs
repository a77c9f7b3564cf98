using Hotset.Agent.Tests.Hypervisor.Qemu;
using Hotset.Agent.Verbs;
using Hotset.Core.Agent;
using Hotset.Core.Vms;

namespace Hotset.Agent.Tests.Verbs.RealQemu;

/// <summary>
/// The seed's "possible CPU pinning problems" on real QEMU 10 and the test guest: pins survive the guest offlining and
/// onlining a pinned CPU (<c>VM.setGuestCpus</c>, the guest agent's <c>guest-set-vcpus</c>), and plugged vCPUs
/// without a pin go to the shared pool.
/// </summary>
[Collection(RealQemuGroup.Name)]
public sealed class RealQemuGuestPinningTests : RealAgentTestBase
{
    [Fact]
    public async Task PinnedVcpus_PlugTwoToFourThenGuestOfflinesAndOnlinesVcpu1_PinsKeptAndNewVcpusInSharedPool()
    {
        var definition = TestGuest.Vm("guest-pins", 2, 4) with
        {
            CpuPinning = new Dictionary<string, string> { ["0"] = "0", ["1"] = "1" },
        };
        var vm = await Agent.CreateAsync(definition);
        await Agent.Rpc.ResultAsync(AgentMethods.SetNumberOfCpus, new { vmID = vm, numberOfCpus = 4 });
        var four = await Agent.UntilCpusAsync(vm, 4);

        await SetGuestCpuAsync(vm, 1, online: false);
        var offline = await UntilGuestOnlineAsync(vm, [0, 2, 3]);
        await SetGuestCpuAsync(vm, 1, online: true);
        var back = await UntilGuestOnlineAsync(vm, [0, 1, 2, 3]);

        Assert.Equal((4, 4), (offline.VcpuCount, back.VcpuCount));
        Assert.Equal(four.VcpuThreadIds, back.VcpuThreadIds);
        var pool = CpuSet.Format(HostCpuTopology.Read().OnlineCpus);
        Assert.Equal(["0", "1", pool, pool], back.VcpuThreadIds.Select(t => CpuSet.TryParse(AllowedCpus(t), out var set) ? CpuSet.Format(set) : "?"));
    }

    [Fact]
    public async Task SetGuestCpus_Cpu0_RefusedWithTheGuestsReasonAndNothingChanges()
    {
        var vm = await Agent.CreateAsync(cpus: 2, maxVCpus: 2);

        var error = await Agent.Rpc.ErrorAsync(AgentMethods.SetGuestCpus, new { vmID = vm, cpus = new[] { new { index = 0, online = false } } });

        Assert.Equal(AgentErrorCodes.SetNumberOfCpusFailed, error.Code);
        Assert.Contains("cannot offline CPU 0", error.Message, StringComparison.Ordinal);
        Assert.Equal([0, 1], (await Agent.Rpc.StatsAsync(vm)).GuestCpusOnline);
    }

    private Task<System.Text.Json.JsonElement> SetGuestCpuAsync(string vm, int index, bool online) =>
        Agent.Rpc.ResultAsync(AgentMethods.SetGuestCpus, new { vmID = vm, cpus = new[] { new { index, online } } });

    private async Task<VmStats> UntilGuestOnlineAsync(string vm, int[] online)
    {
        var deadline = DateTime.UtcNow + RealAgent.GuestDeadline;
        var stats = await Agent.Rpc.StatsAsync(vm);
        while (!stats.GuestCpusOnline.SequenceEqual(online))
        {
            Assert.True(DateTime.UtcNow < deadline, $"The guest did not get to CPUs {string.Join(',', online)} online: {string.Join(',', stats.GuestCpusOnline)}.");
            await Task.Delay(100);
            stats = await Agent.Rpc.StatsAsync(vm);
        }

        return stats;
    }

    private static string AllowedCpus(int threadId) =>
        File.ReadLines($"/proc/{threadId}/status").Single(l => l.StartsWith("Cpus_allowed_list:", StringComparison.Ordinal))
            .Split(':')[1].Trim();
}
