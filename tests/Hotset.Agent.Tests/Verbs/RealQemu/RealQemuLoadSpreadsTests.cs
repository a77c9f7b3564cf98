using Hotset.Core.Agent;

namespace Hotset.Agent.Tests.Verbs.RealQemu;

/// <summary>
/// The seed's system test on real QEMU 10 and the test guest: a single-CPU guest fully loaded gets a second CPU and
/// the load spreads onto it, as the guest's own per-CPU times (<c>guest-get-cpustats</c>, in <c>VM.getStats</c>'s
/// <c>guestCpuUsage</c>) show.
/// </summary>
[Collection(RealQemuGroup.Name)]
public sealed class RealQemuLoadSpreadsTests : RealAgentTestBase
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task LoadedSingleCpuGuest_PlugASecondCpu_BothCpusBusy()
    {
        var vm = await Agent.CreateAsync(cpus: 1, maxVCpus: 2);
        var guest = new GuestShell(Agent, vm);
        await guest.StartAsync("while :; do :; done");
        await guest.StartAsync("while :; do :; done");
        var loaded = await UsageOverAsync(vm);

        await Agent.Rpc.ResultAsync(AgentMethods.SetNumberOfCpus, new { vmID = vm, numberOfCpus = 2 });
        await Agent.UntilCpusAsync(vm, 2);
        var spread = await UsageOverAsync(vm);

        Assert.Equal([0], loaded.Select(u => u.Cpu));
        Assert.True(loaded[0].Percent > 80, $"CPU 0 of the loaded guest was {loaded[0].Percent:0} % busy.");
        Assert.Equal([0, 1], spread.Select(u => u.Cpu));
        Assert.All(spread, u => Assert.True(u.Percent > 60, $"Guest CPU {u.Cpu} was {u.Percent:0} % busy after the plug: {Describe(spread)}."));
    }

    /// <summary>Per-CPU guest usage over <see cref="Period"/>: each stats call measures since the one before.</summary>
    private async Task<IReadOnlyList<GuestCpuUsage>> UsageOverAsync(string vm)
    {
        await Agent.Rpc.StatsAsync(vm);
        await Task.Delay(Period);
        return (await Agent.Rpc.StatsAsync(vm)).GuestCpuUsage;
    }

    private static string Describe(IEnumerable<GuestCpuUsage> usage) => string.Join(", ", usage.Select(u => $"{u.Cpu}: {u.Percent:0} %"));
}
