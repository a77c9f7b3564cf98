using Hotset.Core.Config;
using Hotset.Core.Faults;
using Hotset.Core.Vms;
using static Hotset.Core.Tests.Vms.VmUpdateValidationTests;

namespace Hotset.Core.Tests.Vms;

/// <summary>Better: the per-VM max vCPUs override and its guardrails.</summary>
public sealed class MaxVCpusOverrideTests
{
    private static readonly CpuLimits Limits48 = EngineConfig.Defaults.LimitsFor(new(4, 8), Architecture.X86_64);

    [Theory]
    [InlineData(null, 16)]
    [InlineData(64, 64)]
    public void Effective_OverrideWinsOverComputed(int? maxOverride, int expected) =>
        Assert.Equal(expected, MaxVCpus.Effective(new(1, 1, 1), new(4, 8), Architecture.X86_64, Chipset.Q35, Limits48, maxOverride));

    [Theory]
    [InlineData(Architecture.X86_64, Chipset.I440fx, 1, 1, 240)]
    [InlineData(Architecture.X86_64, Chipset.Q35, 1, 1, 710)]
    [InlineData(Architecture.X86_64, Chipset.Q35, 4, 2, 704)]
    [InlineData(Architecture.Ppc64, Chipset.I440fx, 1, 1, 384)]
    public void Ceiling_IgnoresTheMemorySavingStep(Architecture arch, Chipset chipset, int cores, int threads, int expected) =>
        Assert.Equal(expected, MaxVCpus.Ceiling(new(1, cores, threads), arch, chipset,
            EngineConfig.Defaults.LimitsFor(new(4, 8), arch)));

    [Theory]
    [InlineData("2x2x1", 4, new string[0])]
    [InlineData("2x2x1", 64, new string[0])]
    [InlineData("2x2x1", 2, new[] { "MAX_VCPUS_OVERRIDE_BELOW_VCPUS" })]
    [InlineData("2x2x1", 5, new[] { "MAX_VCPUS_OVERRIDE_NOT_WHOLE_SOCKETS" })]
    [InlineData("2x2x1", 244, new[] { "MAX_VCPUS_OVERRIDE_TOO_HIGH" })] // i440fx: 240
    [InlineData("2x2x1", 3, new[] { "MAX_VCPUS_OVERRIDE_BELOW_VCPUS", "MAX_VCPUS_OVERRIDE_NOT_WHOLE_SOCKETS" })]
    public void Validate_Override_Guardrails(string requested, int maxOverride, string[] codes)
    {
        var context = Context("2x2x1", requested) with { MaxVCpusOverride = maxOverride, Version = new(4, 8) };

        Assert.Equal(codes, VmUpdateValidation.Validate(context).Select(f => f.Code));
    }

    [Fact]
    public void Validate_OverrideWithoutVersion_CappedByMaxNumOfVmCpusInWholeSockets()
    {
        var context = Context("1x2x1", "1x2x1") with { MaxVCpusOverride = 712 };

        Assert.Equal(VmFaults.MaxVCpusOverrideTooHigh(712, 710), Assert.Single(VmUpdateValidation.Validate(context)));
    }

    [Fact]
    public void Faults_ExactTexts()
    {
        Assert.Equal(new Fault("MAX_VCPUS_OVERRIDE_BELOW_VCPUS", FaultKind.Conflict,
            "Cannot edit VM. The maximum number of vCPUs (2) is lower than the VM's 4 vCPUs; set it to at least 4."),
            VmFaults.MaxVCpusOverrideBelowVCpus(2, 4));
        Assert.Equal(new Fault("MAX_VCPUS_OVERRIDE_NOT_WHOLE_SOCKETS", FaultKind.Conflict,
            "Cannot edit VM. The maximum number of vCPUs (6) must be a multiple of the 4 vCPUs in one socket, for example 4."),
            VmFaults.MaxVCpusOverrideNotWholeSockets(6, 4));
        Assert.Equal(new Fault("MAX_VCPUS_OVERRIDE_TOO_HIGH", FaultKind.Conflict,
            "Cannot edit VM. The maximum number of vCPUs (244) is more than this VM can start with (240 with its topology, "
            + "chipset and the cluster's limits); set it to at most 240."),
            VmFaults.MaxVCpusOverrideTooHigh(244, 240));
    }
}
