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
    [InlineData("0-99999999", "'0-99999999' in CPU set '0-99999999' is not a CPU id (0, 1 …), a range (0-3) or an exclusion (^2).")]
    [InlineData("1,^1", "CPU set '1,^1' leaves no CPU.")]
    [InlineData("^1", "CPU set '^1' leaves no CPU.")]
    public void TryParse_Invalid_SaysWhy(string text, string error)
    {
        Assert.False(CpuSet.TryParse(text, out _, out var message));
        Assert.Equal(error, message);
    }

    [Theory]
    [InlineData(new[] { 2, 1 }, "1,2")]
    [InlineData(new[] { 0, 1, 2, 3 }, "0-3")]
    [InlineData(new[] { 0, 1, 2, 5, 6, 8, 9, 10, 11 }, "0-2,5,6,8-11")]
    [InlineData(new[] { 7 }, "7")]
    [InlineData(new int[0], "")]
    public void Format_Canonical(int[] cpus, string expected) => Assert.Equal(expected, CpuSet.Format(cpus));
}
