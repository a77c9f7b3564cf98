using Hotset.Core.Config;
using Hotset.Core.Vms;

namespace Hotset.Core.Tests.Config;

public sealed class EngineConfigTests
{
    private static readonly EngineConfig Defaults = EngineConfig.Defaults;

    // SPEC §5, one row per version × architecture: HotPlug, HotUnplug, MaxNumOfVmCpus, MaxNumOfVmSockets.
    [Theory]
    [InlineData("4.2", "x86_64", true, true, 384, 16)]
    [InlineData("4.2", "ppc64", true, true, 384, 16)]
    [InlineData("4.2", "s390x", true, false, 384, 16)]
    [InlineData("4.3", "x86_64", true, true, 384, 16)]
    [InlineData("4.3", "ppc64", true, true, 384, 16)]
    [InlineData("4.3", "s390x", true, false, 384, 16)]
    [InlineData("4.4", "x86_64", true, true, 384, 16)]
    [InlineData("4.4", "ppc64", true, true, 384, 16)]
    [InlineData("4.4", "s390x", true, false, 384, 16)]
    [InlineData("4.5", "x86_64", true, true, 512, 16)]
    [InlineData("4.5", "ppc64", true, true, 384, 16)]
    [InlineData("4.5", "s390x", true, false, 384, 16)]
    [InlineData("4.6", "x86_64", true, true, 710, 10000)]
    [InlineData("4.6", "ppc64", true, true, 384, 10000)]
    [InlineData("4.6", "s390x", true, false, 384, 10000)]
    [InlineData("4.7", "x86_64", true, true, 710, 10000)]
    [InlineData("4.7", "ppc64", true, true, 384, 10000)]
    [InlineData("4.7", "s390x", true, false, 384, 10000)]
    [InlineData("4.8", "x86_64", true, true, 710, 10000)]
    [InlineData("4.8", "ppc64", true, true, 384, 10000)]
    [InlineData("4.8", "s390x", true, false, 384, 10000)]
    public void LimitsFor_Defaults_MatchSpecTable(string version, string arch, bool plug, bool unplug, int maxCpus, int maxSockets)
    {
        var limits = Defaults.LimitsFor(CompatibilityVersion.Parse(version), Arch(arch));

        Assert.Equal(new CpuLimits(maxCpus, maxSockets, MaxCpuPerSocket: 254, MaxThreadsPerCpu: 8, CpusCoefficient: 2,
            ManyVmCpus: 128, HotPlugSupported: plug, HotUnplugSupported: unplug), limits);
    }

    [Theory]
    [InlineData(ConfigKey.HotPlugCpuSupported, "4.2", "s390x", "true")]
    [InlineData(ConfigKey.HotUnplugCpuSupported, "4.8", "s390x", "false")]
    [InlineData(ConfigKey.HotUnplugCpuSupported, "4.8", "ppc64", "true")]
    [InlineData(ConfigKey.MaxNumOfVmCpus, "4.4", "x86_64", "384")]
    [InlineData(ConfigKey.MaxNumOfVmCpus, "4.5", "x86_64", "512")]
    [InlineData(ConfigKey.MaxNumOfVmCpus, "4.6", "x86_64", "710")]
    [InlineData(ConfigKey.MaxNumOfVmCpus, "4.6", "s390x", "384")]
    [InlineData(ConfigKey.MaxNumOfVmSockets, "4.5", "x86_64", "16")]
    [InlineData(ConfigKey.MaxNumOfVmSockets, "4.6", "x86_64", "10000")]
    [InlineData(ConfigKey.MaxNumOfCpuPerSocket, "4.2", "x86_64", "254")]
    [InlineData(ConfigKey.MaxNumOfThreadsPerCpu, "4.8", "ppc64", "8")]
    [InlineData(ConfigKey.MaxNumOfCpusCoefficient, "4.8", "x86_64", "2")]
    [InlineData(ConfigKey.ManyVmCpus, "4.8", "x86_64", "128")]
    public void ValueOf_Defaults_AreSpecTexts(ConfigKey key, string version, string arch, string expected) =>
        Assert.Equal(expected, Defaults.ValueOf(key, CompatibilityVersion.Parse(version), Arch(arch)));

    [Fact]
    public void Entries_Defaults_OnePerArchitectureForPerArchitectureKeysOnePerVersionOtherwise()
    {
        var entries = Defaults.Entries;

        // 3 per-architecture keys × 7 versions × 3 architectures + 5 keys × 7 versions.
        Assert.Equal((3 * 3 * 7) + (5 * 7), entries.Count);
        Assert.All(entries, e => Assert.True(e.IsDefault));
        Assert.Contains(new ConfigEntry(ConfigKey.MaxNumOfVmCpus, new(4, 6), Architecture.Ppc64, "384", true), entries);
        Assert.Contains(new ConfigEntry(ConfigKey.MaxNumOfVmSockets, new(4, 6), null, "10000", true), entries);
    }

    [Fact]
    public void With_ArchitectureOverride_ChangesOnlyThatArchitectureAndVersion()
    {
        var config = Defaults.With([new(ConfigKey.MaxNumOfVmCpus, new(4, 8), Architecture.X86_64, "64")]);

        Assert.Equal(64, config.LimitsFor(new(4, 8), Architecture.X86_64).MaxVCpus);
        Assert.Equal(384, config.LimitsFor(new(4, 8), Architecture.Ppc64).MaxVCpus);
        Assert.Equal(710, config.LimitsFor(new(4, 7), Architecture.X86_64).MaxVCpus);
        Assert.Contains(new ConfigEntry(ConfigKey.MaxNumOfVmCpus, new(4, 8), Architecture.X86_64, "64", false), config.Entries);
        Assert.Equal(710, Defaults.LimitsFor(new(4, 8), Architecture.X86_64).MaxVCpus);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void With_SpecificArchitecture_WinsOverAllArchitecturesWhateverTheOrder(bool specificFirst)
    {
        ConfigOverride all = new(ConfigKey.HotUnplugCpuSupported, new(4, 8), null, "false");
        ConfigOverride x86 = new(ConfigKey.HotUnplugCpuSupported, new(4, 8), Architecture.X86_64, "TRUE");

        var config = Defaults.With(specificFirst ? [x86, all] : [all, x86]);

        Assert.True(config.LimitsFor(new(4, 8), Architecture.X86_64).HotUnplugSupported);
        Assert.False(config.LimitsFor(new(4, 8), Architecture.Ppc64).HotUnplugSupported);
        Assert.Equal("true", config.ValueOf(ConfigKey.HotUnplugCpuSupported, new(4, 8), Architecture.X86_64));
    }

    [Fact]
    public void With_SameKeyTwice_LastWins()
    {
        var config = Defaults
            .With([new(ConfigKey.MaxNumOfVmSockets, new(4, 2), null, "8")])
            .With([new(ConfigKey.MaxNumOfVmSockets, new(4, 2), null, " 12 ")]);

        Assert.Equal(12, config.LimitsFor(new(4, 2), Architecture.S390x).MaxSockets);
        Assert.Equal("12", config.ValueOf(ConfigKey.MaxNumOfVmSockets, new(4, 2), Architecture.X86_64));
        Assert.Equal(2, config.Overrides.Count);
    }

    [Fact]
    public void With_InvalidOverride_ThrowsWithTheFaultText()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            Defaults.With([new(ConfigKey.MaxNumOfVmSockets, new(4, 8), null, "0")]));

        Assert.StartsWith("MaxNumOfVmSockets must be at least 1, not 0.", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ConfigKey.MaxNumOfVmSockets, 3, 9, null, "16", "CONFIG_UNKNOWN_VERSION",
        "Compatibility version 3.9 has no engine configuration; use one of 4.2, 4.3, 4.4, 4.5, 4.6, 4.7, 4.8.")]
    [InlineData(ConfigKey.HotPlugCpuSupported, 4, 8, "x86_64", "yes", "CONFIG_VALUE_NOT_BOOLEAN",
        "HotPlugCpuSupported takes true or false, not 'yes'.")]
    [InlineData(ConfigKey.MaxNumOfVmCpus, 4, 8, "x86_64", "many", "CONFIG_VALUE_NOT_NUMBER",
        "MaxNumOfVmCpus takes a whole number, not 'many'.")]
    [InlineData(ConfigKey.MaxNumOfVmCpus, 4, 8, null, "1.5", "CONFIG_VALUE_NOT_NUMBER",
        "MaxNumOfVmCpus takes a whole number, not '1.5'.")]
    [InlineData(ConfigKey.MaxNumOfCpuPerSocket, 4, 8, null, "0", "CONFIG_VALUE_OUT_OF_RANGE",
        "MaxNumOfCpuPerSocket must be at least 1, not 0.")]
    [InlineData(ConfigKey.ManyVmCpus, 4, 8, null, "-3", "CONFIG_VALUE_OUT_OF_RANGE",
        "ManyVmCpus must be at least 1, not -3.")]
    [InlineData(ConfigKey.MaxNumOfThreadsPerCpu, 4, 8, null, "9", "CONFIG_VALUE_OUT_OF_RANGE",
        "MaxNumOfThreadsPerCpu must be between 1 and 8, not 9.")]
    [InlineData(ConfigKey.MaxNumOfVmSockets, 4, 8, "ppc64", "16", "CONFIG_ARCHITECTURE_NOT_APPLICABLE",
        "MaxNumOfVmSockets has one value for all architectures; set it without an architecture.")]
    public void ValidateOverride_Invalid_ReturnsExactFault(ConfigKey key, int major, int minor, string? arch,
        string value, string code, string message)
    {
        var faults = EngineConfig.ValidateOverride(new(key, new(major, minor), arch is null ? null : Arch(arch), value));

        var fault = Assert.Single(faults);
        Assert.Equal((code, message, Hotset.Core.Faults.FaultKind.BadRequest), (fault.Code, fault.Message, fault.Kind));
    }

    [Theory]
    [InlineData(ConfigKey.HotPlugCpuSupported, "false")]
    [InlineData(ConfigKey.HotUnplugCpuSupported, "True")]
    [InlineData(ConfigKey.MaxNumOfThreadsPerCpu, "1")]
    [InlineData(ConfigKey.MaxNumOfThreadsPerCpu, "8")]
    [InlineData(ConfigKey.MaxNumOfVmCpus, "4096")]
    public void ValidateOverride_Valid_NoFaults(ConfigKey key, string value) =>
        Assert.Empty(EngineConfig.ValidateOverride(new(key, new(4, 8), null, value)));

    [Fact]
    public void ValidateOverride_SeveralProblems_ReportsAll()
    {
        var faults = EngineConfig.ValidateOverride(new(ConfigKey.ManyVmCpus, new(5, 0), Architecture.S390x, "x"));

        Assert.Equal(["CONFIG_UNKNOWN_VERSION", "CONFIG_ARCHITECTURE_NOT_APPLICABLE", "CONFIG_VALUE_NOT_NUMBER"],
            faults.Select(f => f.Code));
    }

    [Fact]
    public void LimitsFor_UnsupportedVersion_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Defaults.LimitsFor(new(4, 1), Architecture.X86_64));

    private static Architecture Arch(string name) =>
        OvirtNames.TryParseArchitecture(name, out var a) ? a : throw new ArgumentException(name);
}
