using Hotset.Core.Os;
using Hotset.Core.Vms;
using static Hotset.Core.Os.HotSetSupport;

namespace Hotset.Core.Tests.Os;

/// <summary>The shipped file against the seed's Guest OS Support Matrix and SPEC §5 (one row per matrix cell group).</summary>
public sealed class DefaultOsRepositoryTests
{
    [Theory]
    // Red Hat Enterprise Linux 6.3 x86: + / -; 6.5 x86: + / +; generic 6.x covers 6.0-6.4, so plug only.
    [InlineData("rhel_6_3", Supported, Unsupported)]
    [InlineData("rhel_6_3x64", Supported, Unsupported)]
    [InlineData("rhel_6_5", Supported, Supported)]
    [InlineData("rhel_6_5x64", Supported, Supported)]
    [InlineData("rhel_6", Supported, Unsupported)]
    [InlineData("rhel_6x64", Supported, Unsupported)]
    [InlineData("rhel_7x64", Supported, Supported)]
    [InlineData("rhel_8x64", Supported, Supported)]
    [InlineData("rhel_9x64", Supported, Supported)]
    [InlineData("other_linux", Supported, Supported)]
    [InlineData("debian_12", Supported, Supported)]
    // Windows Server 2003 All x86 / x64: - / -.
    [InlineData("windows_2003", Unsupported, Unsupported)]
    [InlineData("windows_2003x64", Unsupported, Unsupported)]
    // Windows Server 2008 All x86: - / -; Standard, Enterprise x64: reboot / reboot; Datacenter x64: + / ? (false).
    [InlineData("windows_2008", Unsupported, Unsupported)]
    [InlineData("windows_2008x64_standard", RebootRequired, RebootRequired)]
    [InlineData("windows_2008x64_enterprise", RebootRequired, RebootRequired)]
    [InlineData("windows_2008x64_datacenter", Supported, Unsupported)]
    [InlineData("windows_2008x64", RebootRequired, Unsupported)]
    // Windows Server 2008 R2: same shape.
    [InlineData("windows_2008R2", Unsupported, Unsupported)]
    [InlineData("windows_2008R2x64_standard", RebootRequired, RebootRequired)]
    [InlineData("windows_2008R2x64_enterprise", RebootRequired, RebootRequired)]
    [InlineData("windows_2008R2x64_datacenter", Supported, Unsupported)]
    [InlineData("windows_2008R2x64", RebootRequired, Unsupported)]
    // Windows Server 2012 / 2012 R2 All x64: + / ? (false).
    [InlineData("windows_2012x64", Supported, Unsupported)]
    [InlineData("windows_2012R2x64", Supported, Unsupported)]
    // Windows 7 All x86: - / -; Starter, Home, Home Premium, Professional x64: reboot / reboot; Enterprise, Ultimate x64: + / ?.
    [InlineData("windows_7", Unsupported, Unsupported)]
    [InlineData("windows_7x64_starter", RebootRequired, RebootRequired)]
    [InlineData("windows_7x64_home", RebootRequired, RebootRequired)]
    [InlineData("windows_7x64_home_premium", RebootRequired, RebootRequired)]
    [InlineData("windows_7x64_professional", RebootRequired, RebootRequired)]
    [InlineData("windows_7x64_enterprise", Supported, Unsupported)]
    [InlineData("windows_7x64_ultimate", Supported, Unsupported)]
    [InlineData("windows_7x64", RebootRequired, Unsupported)]
    // Windows 8.x All x86 / x64: + / ? (false).
    [InlineData("windows_8", Supported, Unsupported)]
    [InlineData("windows_8x64", Supported, Unsupported)]
    [InlineData("windows_10x64", Supported, Unsupported)]
    [InlineData("windows_2022", Supported, Unsupported)]
    // Other OS and FreeBSD: plug only.
    [InlineData("other", Supported, Unsupported)]
    [InlineData("freebsd", Supported, Unsupported)]
    [InlineData("freebsdx64", Supported, Unsupported)]
    // ppc64: only RHEL 7 and later.
    [InlineData("other_ppc64", Unsupported, Unsupported)]
    [InlineData("other_linux_ppc64", Unsupported, Unsupported)]
    [InlineData("rhel_6_ppc64", Unsupported, Unsupported)]
    [InlineData("sles_11_ppc64", Unsupported, Unsupported)]
    [InlineData("rhel_7_ppc64", Supported, Supported)]
    [InlineData("rhel_8_ppc64", Supported, Supported)]
    [InlineData("rhel_9_ppc64", Supported, Supported)]
    // s390x: plug only.
    [InlineData("other_linux_s390x", Supported, Unsupported)]
    [InlineData("rhel_7_s390x", Supported, Unsupported)]
    [InlineData("rhel_9_s390x", Supported, Unsupported)]
    public void Default_MatrixRow_HasSeedAnswer(string id, HotSetSupport plug, HotSetSupport unplug)
    {
        var os = OsRepository.Default.Find(id);

        Assert.NotNull(os);
        Assert.Equal((plug, unplug), (os.CpuHotplug, os.CpuHotunplug));
    }

    [Theory]
    [InlineData("rhel_7x64", Architecture.X86_64)]
    [InlineData("windows_2008x64_standard", Architecture.X86_64)]
    [InlineData("rhel_7_ppc64", Architecture.Ppc64)]
    [InlineData("other_ppc64", Architecture.Ppc64)]
    [InlineData("rhel_8_s390x", Architecture.S390x)]
    public void Default_Architecture_FollowsFamily(string id, Architecture expected) =>
        Assert.Equal(expected, OsRepository.Default.Find(id)?.Architecture);

    [Theory]
    [InlineData("other", "Other OS", 1)]
    [InlineData("rhel_8x64", "Red Hat Enterprise Linux 8.x x64", 1)]
    [InlineData("windows_2008R2x64_datacenter", "Windows 2008 R2 x64 Datacenter", 1)]
    [InlineData("windows_11", "Windows 11", 2)]
    public void Default_NameAndMinimum(string id, string name, int minimumCpus)
    {
        var os = OsRepository.Default.Find(id);

        Assert.Equal((name, minimumCpus), (os?.DisplayName, os?.MinimumCpus));
    }

    [Theory]
    [InlineData("rhel_7_ppc64", Architecture.Ppc64, "rhel_7_ppc64")]
    [InlineData("no_such_os", Architecture.X86_64, "other")]
    [InlineData("no_such_os", Architecture.Ppc64, "other_ppc64")]
    [InlineData("no_such_os", Architecture.S390x, "other_linux_s390x")]
    public void FindOrOther_UnknownId_OtherOfTheArchitecture(string id, Architecture arch, string expected) =>
        Assert.Equal(expected, OsRepository.Default.FindOrOther(id, arch).Id);

    [Fact]
    public void Default_EveryOsInTheFileResolves() => Assert.Equal(58, OsRepository.Default.All.Count);
}
