using Hotset.Core.Vms;

namespace Hotset.Core.Tests.Vms;

public sealed class OvirtNamesTests
{
    [Theory]
    [InlineData(Architecture.X86_64, "x86_64")]
    [InlineData(Architecture.Ppc64, "ppc64")]
    [InlineData(Architecture.S390x, "s390x")]
    public void Architecture_RoundTrips(Architecture architecture, string name)
    {
        Assert.Equal(name, architecture.ToOvirtName());
        Assert.True(OvirtNames.TryParseArchitecture(name, out var parsed));
        Assert.Equal(architecture, parsed);
    }

    [Theory]
    [InlineData("x86", Architecture.X86_64)]
    [InlineData("PPC", Architecture.Ppc64)]
    [InlineData("ppc64le", Architecture.Ppc64)]
    public void TryParseArchitecture_FamilyNames(string text, Architecture expected)
    {
        Assert.True(OvirtNames.TryParseArchitecture(text, out var parsed));
        Assert.Equal(expected, parsed);
    }

    [Theory]
    [InlineData("arm")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParseArchitecture_Unknown_False(string? text) => Assert.False(OvirtNames.TryParseArchitecture(text, out _));

    [Theory]
    [InlineData(CpuPinningPolicy.None, "none", false)]
    [InlineData(CpuPinningPolicy.Manual, "manual", false)]
    [InlineData(CpuPinningPolicy.ResizeAndPinNuma, "resize_and_pin_numa", false)]
    [InlineData(CpuPinningPolicy.Dedicated, "dedicated", true)]
    [InlineData(CpuPinningPolicy.IsolateThreads, "isolate_threads", true)]
    public void PinningPolicy_ApiSpelling(CpuPinningPolicy policy, string name, bool exclusive)
    {
        Assert.Equal(name, policy.ToOvirtName());
        Assert.True(OvirtNames.TryParsePinningPolicy(name.ToUpperInvariant(), out var parsed));
        Assert.Equal(policy, parsed);
        Assert.Equal(exclusive, policy.IsExclusive());
    }

    [Theory]
    [InlineData(VmStatus.Up, "Up")]
    [InlineData(VmStatus.MigratingFrom, "MigratingFrom")]
    [InlineData(VmStatus.PoweringUp, "PoweringUp")]
    public void VmStatus_VmStatusEnumName(VmStatus status, string name) => Assert.Equal(name, status.ToOvirtName());
}
