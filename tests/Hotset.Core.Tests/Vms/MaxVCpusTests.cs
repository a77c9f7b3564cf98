using Hotset.Core.Config;
using Hotset.Core.Vms;

namespace Hotset.Core.Tests.Vms;

public sealed class MaxVCpusTests
{
    private static readonly CompatibilityVersion V4_5 = new(4, 5);

    private static CpuLimits Limits(int maxSockets, int maxVCpus) =>
        new(maxVCpus, maxSockets, 254, 8, 2, 128, true, true);

    // SPEC §6 reference vectors (pre-4.6 rules): arch, chipset, maxS, maxV, threads, cores → max.
    [Theory]
    [InlineData(Architecture.X86_64, Chipset.I440fx, 16, 288, 2, 12, 192)]
    [InlineData(Architecture.X86_64, Chipset.I440fx, 16, 288, 2, 4, 128)]
    [InlineData(Architecture.X86_64, Chipset.I440fx, 16, 288, 2, 8, 240)]
    [InlineData(Architecture.X86_64, Chipset.I440fx, 16, 100, 2, 8, 96)]
    [InlineData(Architecture.X86_64, Chipset.I440fx, 32, 710, 2, 16, 224)]
    [InlineData(Architecture.X86_64, Chipset.Q35, 32, 710, 2, 16, 704)]
    [InlineData(Architecture.Ppc64, Chipset.I440fx, 16, 288, 2, 12, 288)]
    [InlineData(Architecture.Ppc64, Chipset.I440fx, 16, 288, 2, 8, 256)]
    public void Compute_SpecReferenceVector(Architecture arch, Chipset chipset, int maxSockets, int maxVCpus,
        int threads, int cores, int expected) =>
        Assert.Equal(expected, MaxVCpus.Compute(new CpuTopology(1, cores, threads), V4_5, arch, chipset, Limits(maxSockets, maxVCpus)));

    // Worked examples with the default configuration.
    [Theory]
    [InlineData("4.4", 1, 16)]
    [InlineData("4.5", 1, 16)]
    [InlineData("4.6", 1, 16)]
    [InlineData("4.7", 1, 16)]
    [InlineData("4.8", 1, 16)]
    [InlineData("4.6", 16, 32)]
    [InlineData("4.8", 16, 32)]
    [InlineData("4.6", 64, 128)]
    [InlineData("4.8", 64, 128)]
    [InlineData("4.6", 100, 200)]
    [InlineData("4.8", 100, 200)]
    public void Compute_DefaultConfiguration_WorkedExample(string version, int sockets, int expected)
    {
        var v = CompatibilityVersion.Parse(version);
        var limits = EngineConfig.Defaults.LimitsFor(v, Architecture.X86_64);

        foreach (var chipset in Enum.GetValues<Chipset>())
        {
            Assert.Equal(expected, MaxVCpus.Compute(new CpuTopology(sockets, 1, 1), v, Architecture.X86_64, chipset, limits));
        }
    }

    [Theory]
    [InlineData(Architecture.Ppc64)]
    [InlineData(Architecture.S390x)]
    public void Compute_SmallVmOnOtherArchitectures_Is16(Architecture arch)
    {
        var limits = EngineConfig.Defaults.LimitsFor(CompatibilityVersion.Latest, arch);

        Assert.Equal(16, MaxVCpus.Compute(new CpuTopology(1, 1, 1), CompatibilityVersion.Latest, arch, Chipset.I440fx, limits));
    }

    [Theory]
    [InlineData(300, 710, 600)] // from 4.6 a VM may grow to twice its size...
    [InlineData(400, 710, 710)] // ... but never past MaxNumOfVmCpus
    [InlineData(300, 500, 500)]
    public void Compute_Q35LargeVm_TwiceItsSizeCappedByMaxNumOfVmCpus(int sockets, int maxVCpus, int expected)
    {
        var limits = new CpuLimits(maxVCpus, 10000, 254, 8, 2, 128, true, true);

        Assert.Equal(expected, MaxVCpus.Compute(new CpuTopology(sockets, 1, 1), new(4, 8), Architecture.X86_64, Chipset.Q35, limits));
    }

    [Fact]
    public void Compute_I440fxLargeVm_CappedAt240()
    {
        var limits = EngineConfig.Defaults.LimitsFor(new(4, 8), Architecture.X86_64);

        Assert.Equal(240, MaxVCpus.Compute(new CpuTopology(200, 1, 1), new(4, 8), Architecture.X86_64, Chipset.I440fx, limits));
    }

    [Theory]
    [InlineData(64, 8, 710, 512)] // 6 + 3 bits do not fit an 8-bit APIC id: a max above 240 falls back to one socket
    [InlineData(64, 8, 200, 200)] // ... a max of 240 or less is kept (here below one socket: the VM is over its limits anyway)
    [InlineData(33, 5, 200, 165)] // ... rounded down to whole sockets (the reference kept 200: 1.2 sockets)
    [InlineData(32, 8, 710, 0)] // 5 + 3 bits fit, but one socket of 256 is above 240: no valid max (validation refuses it)
    public void Compute_I440fxWideSocket(int cores, int threads, int maxVCpus, int expected) =>
        Assert.Equal(expected, MaxVCpus.Compute(new CpuTopology(1, cores, threads), V4_5, Architecture.X86_64,
            Chipset.I440fx, Limits(16, maxVCpus)));

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 0)]
    [InlineData(2, 1)]
    [InlineData(3, 2)]
    [InlineData(4, 2)]
    [InlineData(5, 3)]
    [InlineData(8, 3)]
    [InlineData(9, 4)]
    [InlineData(16, 4)]
    [InlineData(17, 5)]
    public void Bits_MatchesSpec(int n, int expected) => Assert.Equal(expected, MaxVCpus.Bits(n));

    [Fact]
    public void Compute_ZeroCores_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            MaxVCpus.Compute(new CpuTopology(1, 0, 1), V4_5, Architecture.X86_64, Chipset.Q35, Limits(16, 288)));
}
