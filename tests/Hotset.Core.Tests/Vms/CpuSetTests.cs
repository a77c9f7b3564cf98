using Hotset.Core.Vms;

namespace Hotset.Core.Tests.Vms;

public sealed class CpuSetTests
{
    [Theory]
    [InlineData("3", new[] { 3 })]
    [InlineData("1,2", new[] { 1, 2 })]
    [InlineData("0-3", new[] { 0, 1, 2, 3 })]
    [InlineData("0-3,^2", new[] { 0, 1, 3 })]
    [InlineData("^2,0-3", new[] { 0, 1, 3 })]
    [InlineData("0-7,^2-5", new[] { 0, 1, 6, 7 })]
    [InlineData(" 4 , 1 ,1", new[] { 1, 4 })]
    [InlineData("5-5", new[] { 5 })]
    public void TryParse_Valid_GivesCpus(string text, int[] expected)
    {
        Assert.True(CpuSet.TryParse(text, out var cpus));
        Assert.Equal(expected, cpus.Order());
    }

    [Theory]
    [InlineData("", "'' in CPU set '' is not a CPU id (0, 1 …), a range (0-3) or an exclusion (^2).")]
    [InlineData("a", "'a' in CPU set 'a' is not a CPU id (0, 1 …), a range (0-3) or an exclusion (^2).")]
    [InlineData("3-1", "'3-1' in CPU set '3-1' is not a CPU id (0, 1 …), a range (0-3) or an exclusion (^2).")]
    [InlineData("-1", "'-1' in CPU set '-1' is not a CPU id (0, 1 …), a range (0-3) or an exclusion (^2).")]
    [InlineData("1,,2", "'' in CPU set '1,,2' is not a CPU id (0, 1 …), a range (0-3) or an exclusion (^2).")]
    [InlineData("0-99999999", "'0-99999999' in CPU set '0-99999999' names a CPU above 8191, the highest id Linux gives a CPU.")]
    [InlineData("8192", "'8192' in CPU set '8192' names a CPU above 8191, the highest id Linux gives a CPU.")]
    [InlineData("0-65535", "'0-65535' in CPU set '0-65535' names a CPU above 8191, the highest id Linux gives a CPU.")]
    [InlineData("99999999999", "'99999999999' in CPU set '99999999999' names a CPU above 8191, the highest id Linux gives a CPU.")]
    [InlineData("+1", "'+1' in CPU set '+1' is not a CPU id (0, 1 …), a range (0-3) or an exclusion (^2).")]
    [InlineData("1,^1", "CPU set '1,^1' leaves no CPU.")]
    [InlineData("^1", "CPU set '^1' leaves no CPU.")]
    public void TryParse_Invalid_SaysWhy(string text, string error)
    {
        Assert.False(CpuSet.TryParse(text, out _, out var message));
        Assert.Equal(error, message);
    }

    [Fact]
    public void TryParse_HighestLinuxCpu_IsAccepted()
    {
        Assert.True(CpuSet.TryParse("0,8190-8191", out var cpus));
        Assert.Equal([0, 8190, 8191], cpus.Order());
    }

    [Fact]
    public void TryParse_MoreItemsThanLinuxHasCpus_SaysHowMany()
    {
        var text = string.Join(',', Enumerable.Repeat("1", 8193));

        Assert.False(CpuSet.TryParse(text, out _, out var error));
        Assert.Equal($"CPU set '{text[..60]}…' has more than 8192 items; Linux numbers at most 8192 CPUs.", error);
    }

    [Fact]
    public void TryParse_TenThousandWideRanges_RefusedAtOnce()
    {
        var text = string.Join(',', Enumerable.Repeat("0-65535", 10_000));
        var watch = System.Diagnostics.Stopwatch.StartNew();

        Assert.False(CpuSet.TryParse(text, out _));
        Assert.InRange(watch.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void TryParse_EveryCpuRangeAtTheItemLimit_LinearNotRangeTimesItems()
    {
        var text = string.Join(',', Enumerable.Repeat("0-8191", 8191)) + ",^5";
        var watch = System.Diagnostics.Stopwatch.StartNew();

        Assert.True(CpuSet.TryParse(text, out var cpus));
        Assert.InRange(watch.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(1));
        Assert.Equal(8191, cpus.Count);
        Assert.DoesNotContain(5, cpus);
    }

    [Theory]
    [InlineData(new[] { 2, 1 }, "1,2")]
    [InlineData(new[] { 0, 1, 2, 3 }, "0-3")]
    [InlineData(new[] { 0, 1, 2, 5, 6, 8, 9, 10, 11 }, "0-2,5,6,8-11")]
    [InlineData(new[] { 7 }, "7")]
    [InlineData(new int[0], "")]
    public void Format_Canonical(int[] cpus, string expected) => Assert.Equal(expected, CpuSet.Format(cpus));
}
