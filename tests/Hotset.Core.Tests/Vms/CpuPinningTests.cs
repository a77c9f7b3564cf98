using Hotset.Core.Vms;

namespace Hotset.Core.Tests.Vms;

public sealed class CpuPinningTests
{
    [Fact]
    public void TryParse_EngineExample_PinsEachVcpu()
    {
        Assert.True(CpuPinning.TryParse("0#1,2_1#3", out var pinning, out var error));

        Assert.Equal("", error);
        Assert.Equal([1, 2], pinning.VcpuToHostCpus[0].Order());
        Assert.Equal([3], pinning.VcpuToHostCpus[1]);
        Assert.Equal(1, pinning.MaxVcpu);
    }

    [Theory]
    [InlineData("0#1,2_1#3", "0#1,2_1#3")]
    [InlineData("1#3_0#2,1", "0#1,2_1#3")]
    [InlineData("0#0-3,^2", "0#0,1,3")]
    [InlineData("2#0,1,2,3_0#8", "0#8_2#0-3")]
    [InlineData("", "")]
    [InlineData("  ", "")]
    public void ToString_IsCanonical(string text, string expected)
    {
        Assert.True(CpuPinning.TryParse(text, out var pinning, out _));
        Assert.Equal(expected, pinning.ToString());
    }

    [Theory]
    [InlineData("0", "'0' in CPU pinning '0' is not 'vcpu#cpus' (for example 0#1,2).")]
    [InlineData("x#1", "'x#1' in CPU pinning 'x#1' is not 'vcpu#cpus' (for example 0#1,2).")]
    [InlineData("0#1#2", "'0#1#2' in CPU pinning '0#1#2' is not 'vcpu#cpus' (for example 0#1,2).")]
    [InlineData("0#1_", "'' in CPU pinning '0#1_' is not 'vcpu#cpus' (for example 0#1,2).")]
    [InlineData("0#1_0#2", "vCPU 0 is pinned twice in CPU pinning '0#1_0#2'.")]
    [InlineData("0#z", "'z' in CPU set 'z' is not a CPU id (0, 1 …), a range (0-3) or an exclusion (^2).")]
    public void TryParse_Invalid_SaysWhy(string text, string expected)
    {
        Assert.False(CpuPinning.TryParse(text, out var pinning, out var error));
        Assert.Equal(expected, error);
        Assert.Same(CpuPinning.Empty, pinning);
    }

    [Fact]
    public void Equals_SamePinsDifferentOrder_Equal()
    {
        var a = CpuPinning.Parse("0#1,2_1#3");
        var b = CpuPinning.Parse("1#3_0#2,1");
        var c = CpuPinning.Parse("1#3_0#2");

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Parse_Invalid_ThrowsWithReason() =>
        Assert.Equal("vCPU 1 is pinned twice in CPU pinning '1#1_1#2'.",
            Assert.Throws<FormatException>(() => CpuPinning.Parse("1#1_1#2")).Message);

    [Fact]
    public void Empty_HasNoPins() => Assert.Equal(-1, CpuPinning.Empty.MaxVcpu);

    [Fact]
    public void TryParse_ThousandsOfCpusForManyVcpus_RefusedAboveThePairLimit()
    {
        var text = string.Join('_', Enumerable.Range(0, 40).Select(v => $"{v}#0-8191"));

        Assert.False(CpuPinning.TryParse(text, out _, out var error));
        Assert.Equal("CPU pinning pins more than 262144 (vCPU, host CPU) pairs; pin each vCPU to the few CPUs it needs.", error);
    }
}
