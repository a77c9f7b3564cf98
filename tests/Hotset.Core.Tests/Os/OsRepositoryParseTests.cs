using Hotset.Core.Os;
using Hotset.Core.Vms;

namespace Hotset.Core.Tests.Os;

public sealed class OsRepositoryParseTests
{
    private const string Family = """
        # comment
        ! also a comment
        os.base.name.value = Base OS
        os.base.cpu.hotplugSupport.value = reboot
        os.base.resources.minimum.numberOfCpus.value = 2
        os.child.derivedFrom.value = base
        os.child.name.value: Child OS
        os.child.cpu.hotunplugSupport.value = true
        os.grandchild.derivedFrom.value = child
        os.grandchild.cpuArchitecture.value = ppc64
        os.grandchild.devices.audio.value = ich6
        os.lonely.id.value = 7
        backwardCompatibility.Other = 0
        """;

    [Fact]
    public void Parse_Inheritance_TakesMissingValuesFromAncestors()
    {
        var repository = OsRepository.Parse(Family);

        Assert.Equal(new GuestOs("grandchild", "grandchild", Architecture.Ppc64, HotSetSupport.RebootRequired,
            HotSetSupport.Supported, 2), repository.Find("grandchild"));
        Assert.Equal(new GuestOs("child", "Child OS", Architecture.X86_64, HotSetSupport.RebootRequired,
            HotSetSupport.Supported, 2), repository.Find("child"));
    }

    [Fact]
    public void Parse_RootWithoutValues_TakesSpecDefaults() =>
        Assert.Equal(new GuestOs("lonely", "lonely", Architecture.X86_64, HotSetSupport.Supported,
            HotSetSupport.Unsupported, 1), OsRepository.Parse(Family).Find("lonely"));

    [Fact]
    public void Parse_All_IsSortedById() =>
        Assert.Equal(["base", "child", "grandchild", "lonely"], OsRepository.Parse(Family).All.Select(o => o.Id));

    [Fact]
    public void Find_IsCaseInsensitive_AndNullWhenUnknown()
    {
        var repository = OsRepository.Parse(Family);

        Assert.Equal("child", repository.Find("CHILD")?.Id);
        Assert.Null(repository.Find("nope"));
    }

    [Fact]
    public void FindOrOther_UnknownId_FallsBackToOther()
    {
        var repository = OsRepository.Parse("os.other.name.value = Other OS\nos.x.derivedFrom.value = other");

        Assert.Equal("other", repository.FindOrOther("missing").Id);
        Assert.Equal("x", repository.FindOrOther("x").Id);
    }

    [Fact]
    public void Parse_LineContinuation_JoinsValue() =>
        Assert.Equal("Long Name", OsRepository.Parse("os.a.name.value = Long \\\n   Name").Find("a")?.DisplayName);

    [Theory]
    [InlineData("os.a.cpu.hotplugSupport.value = maybe",
        "Line 1: os.a.cpu.hotplugSupport.value must be true, false or reboot, not 'maybe'.")]
    [InlineData("os.a.cpu.hotunplugSupport.value = 1",
        "Line 1: os.a.cpu.hotunplugSupport.value must be true, false or reboot, not '1'.")]
    [InlineData("os.a.cpuArchitecture.value = arm",
        "Line 1: os.a.cpuArchitecture.value must be x86_64, ppc64 or s390x, not 'arm'.")]
    [InlineData("os.a.resources.minimum.numberOfCpus.value = 0",
        "Line 1: os.a.resources.minimum.numberOfCpus.value must be a whole number of at least 1, not '0'.")]
    [InlineData("\nos.a.derivedFrom.value = ghost", "Line 2: os.a derives from 'ghost', which is not defined.")]
    [InlineData("os.a.derivedFrom.value = b\nos.b.derivedFrom.value = a", "os.a derives from itself (a -> b -> a).")]
    [InlineData("just some words", "Line 1: expected 'key = value', found 'just some words'.")]
    [InlineData("os.Win.name.value = A\nos.win.name.value = B", "OS ids Win and win differ only in case; rename one.")]
    public void Parse_Invalid_ThrowsNamingTheProblem(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => OsRepository.Parse(text));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ErrorInherited_ReportedOnce()
    {
        var error = Assert.Throws<FormatException>(() => OsRepository.Parse(
            "os.a.cpu.hotplugSupport.value = nope\nos.b.derivedFrom.value = a\nos.c.derivedFrom.value = a"));

        Assert.Single(System.Text.RegularExpressions.Regex.Matches(error.Message, "nope"));
    }
}
