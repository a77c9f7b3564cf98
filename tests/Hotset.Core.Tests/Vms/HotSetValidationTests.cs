using Hotset.Core.Config;
using Hotset.Core.Faults;
using Hotset.Core.Os;
using Hotset.Core.Vms;

namespace Hotset.Core.Tests.Vms;

public sealed class HotSetValidationTests
{
    private static readonly GuestOs Linux = new("rhel_8x64", "Red Hat Enterprise Linux 8.x x64", Architecture.X86_64,
        HotSetSupport.Supported, HotSetSupport.Supported, 1);

    private static HotSetContext Context(HotSetAction action, VmStatus status = VmStatus.Up, GuestOs? os = null,
        Architecture arch = Architecture.X86_64, string version = "4.8", CpuLimits? limits = null) =>
        new("vm1", status, action, CompatibilityVersion.Parse(version), arch,
            limits ?? EngineConfig.Defaults.LimitsFor(CompatibilityVersion.Parse(version), arch), os ?? Linux);

    [Theory]
    [InlineData(HotSetAction.HotPlug)]
    [InlineData(HotSetAction.HotUnplug)]
    public void Validate_UpLinuxX86_NoFaults(HotSetAction action) => Assert.Empty(HotSetValidation.Validate(Context(action)));

    [Theory]
    [InlineData(HotSetAction.PlainUpdate)]
    [InlineData(HotSetAction.NextRun)]
    public void Validate_NotAHotSet_NothingToCheck(HotSetAction action) =>
        Assert.Empty(HotSetValidation.Validate(Context(action, VmStatus.Down, limits: EngineConfig.Defaults
            .With([new(ConfigKey.HotPlugCpuSupported, new(4, 8), null, "false")]).LimitsFor(new(4, 8), Architecture.X86_64))));

    [Theory]
    [InlineData(VmStatus.Down, "Cannot hot set cpus VM because the VM is in Down status.")]
    [InlineData(VmStatus.MigratingFrom, "Cannot hot set cpus VM because the VM is in MigratingFrom status.")]
    [InlineData(VmStatus.PoweringUp, "Cannot hot set cpus VM because the VM is in PoweringUp status.")]
    [InlineData(VmStatus.Paused, "Cannot hot set cpus VM because the VM is in Paused status.")]
    public void Validate_NotUp_StatusFault(VmStatus status, string text)
    {
        var fault = Assert.Single(HotSetValidation.Validate(Context(HotSetAction.HotPlug, status)));

        Assert.Equal(new Fault("HOT_SET_VM_NOT_UP", FaultKind.Conflict, text), fault);
    }

    [Fact]
    public void Validate_UnplugOnS390x_ClusterFault()
    {
        var os = OsRepository.Default.Find("rhel_8_s390x")!;

        var faults = HotSetValidation.Validate(Context(HotSetAction.HotUnplug, os: os, arch: Architecture.S390x));

        Assert.Equal(
        [
            new Fault("CPU_HOT_UNPLUG_NOT_SUPPORTED_FOR_CLUSTER", FaultKind.NotSupported,
                "Hot un-plugging a CPU is not supported for cluster version 4.8 and architecture s390x."),
            new Fault("CPU_HOT_UNPLUG_NOT_SUPPORTED_FOR_GUEST_OS", FaultKind.NotSupported,
                "Hot un-plugging a CPU is not supported for the guest OS Red Hat Enterprise Linux 8.x and architecture s390x."),
        ], faults);
    }

    [Fact]
    public void Validate_PlugDisabledByAdmin_ClusterFault()
    {
        var limits = EngineConfig.Defaults.With([new(ConfigKey.HotPlugCpuSupported, new(4, 3), Architecture.Ppc64, "false")])
            .LimitsFor(new(4, 3), Architecture.Ppc64);

        var faults = HotSetValidation.Validate(Context(HotSetAction.HotPlug, os: OsRepository.Default.Find("rhel_7_ppc64"),
            arch: Architecture.Ppc64, version: "4.3", limits: limits));

        Assert.Equal(new Fault("CPU_HOT_PLUG_NOT_SUPPORTED_FOR_CLUSTER", FaultKind.NotSupported,
            "Hot plugging a CPU is not supported for cluster version 4.3 and architecture ppc64."), Assert.Single(faults));
    }

    [Theory]
    [InlineData("windows_2003x64", HotSetAction.HotPlug,
        "Hot plugging a CPU is not supported for the guest OS Windows 2003 x64 and architecture x86_64.")]
    [InlineData("other_linux_ppc64", HotSetAction.HotPlug,
        "Hot plugging a CPU is not supported for the guest OS Linux and architecture ppc64.")]
    [InlineData("windows_2012x64", HotSetAction.HotUnplug,
        "Hot un-plugging a CPU is not supported for the guest OS Windows 2012 x64 and architecture x86_64.")]
    [InlineData("other", HotSetAction.HotUnplug,
        "Hot un-plugging a CPU is not supported for the guest OS Other OS and architecture x86_64.")]
    public void Validate_GuestOsUnsupported_OsFault(string osId, HotSetAction action, string text)
    {
        var os = OsRepository.Default.Find(osId)!;

        var fault = Assert.Single(HotSetValidation.Validate(Context(action, os: os, arch: os.Architecture)));

        Assert.Equal(text, fault.Message);
        Assert.Equal(FaultKind.NotSupported, fault.Kind);
    }

    [Fact]
    public void Validate_EverythingWrong_AllFaultsSortedByCode()
    {
        var limits = EngineConfig.Defaults.LimitsFor(new(4, 8), Architecture.X86_64) with { HotPlugSupported = false };

        var faults = HotSetValidation.Validate(Context(HotSetAction.HotPlug, VmStatus.Paused,
            OsRepository.Default.Find("windows_7"), limits: limits));

        Assert.Equal(["CPU_HOT_PLUG_NOT_SUPPORTED_FOR_CLUSTER", "CPU_HOT_PLUG_NOT_SUPPORTED_FOR_GUEST_OS", "HOT_SET_VM_NOT_UP"],
            faults.Select(f => f.Code));
    }

    [Theory]
    [InlineData("windows_2008x64_standard", HotSetAction.HotPlug, true)]
    [InlineData("windows_2008x64_standard", HotSetAction.HotUnplug, true)]
    [InlineData("windows_7x64_professional", HotSetAction.HotPlug, true)]
    [InlineData("windows_2008x64", HotSetAction.HotPlug, true)]
    [InlineData("windows_2008x64", HotSetAction.HotUnplug, false)]
    [InlineData("windows_2008x64_datacenter", HotSetAction.HotPlug, false)]
    [InlineData("rhel_8x64", HotSetAction.HotUnplug, false)]
    [InlineData("windows_2008x64_standard", HotSetAction.NextRun, false)]
    public void RequiresReboot_SeedRebootRows(string osId, HotSetAction action, bool expected)
    {
        var context = Context(action, os: OsRepository.Default.Find(osId));

        Assert.Equal(expected, HotSetValidation.RequiresReboot(context));
        if (expected)
        {
            Assert.Empty(HotSetValidation.Validate(context));
        }
    }
}
