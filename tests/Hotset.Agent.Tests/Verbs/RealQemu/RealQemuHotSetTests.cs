using Hotset.Agent.Tests.Hypervisor.Qemu;

namespace Hotset.Agent.Tests.Verbs.RealQemu;

/// <summary>
/// <c>VM.setNumberOfCpus</c> against real QEMU 10 and the test guest (<c>make guest</c>): the scenarios of
/// <see cref="HotSetVerbTests"/>, plus what only a real host has: the plugged vCPU's thread pinned on the host.
/// </summary>
[Collection(RealQemuGroup.Name)]
public class RealQemuHotSetTests : HotSetVerbTests
{
    [Fact]
    public async Task SetNumberOfCpus_PinnedVm_PinsThePluggedVcpuThreadToo()
    {
        var definition = TestGuest.Vm("pinned", 1, 2) with
        {
            CpuPinning = new Dictionary<string, string> { ["0"] = "1", ["1"] = "0" },
        };
        await Agent.CreateAsync(definition);

        await SetAsync(definition.VmId, 2);
        var stats = await Agent.UntilCpusAsync(definition.VmId, 2);

        Assert.Equal("1", AllowedCpus(stats.VcpuThreadIds[0]));
        Assert.Equal("0", AllowedCpus(stats.VcpuThreadIds[1]));
    }

    private static string AllowedCpus(int threadId) =>
        File.ReadLines($"/proc/{threadId}/status").Single(l => l.StartsWith("Cpus_allowed_list:", StringComparison.Ordinal))
            .Split(':')[1].Trim();
}
