using Hotset.Core.Config;
using Hotset.Core.Faults;
using Hotset.Core.Os;
using Hotset.Core.Vms;
using static Hotset.Core.Tests.Vms.HotSetDecisionTests;

namespace Hotset.Core.Tests.Vms;

/// <summary>SPEC §4, one test (or table) per row: the exact code, kind and text, and that nothing else is reported.</summary>
public sealed class VmUpdateValidationTests
{
    internal static readonly GuestOs Linux = new("other_linux", "Linux", Architecture.X86_64,
        HotSetSupport.Supported, HotSetSupport.Supported, 1);

    internal static VmCpuUpdateContext Context(string current, string requested, VmStatus status = VmStatus.Down,
        string version = "4.8") => new()
        {
            VmName = "vm1",
            Current = Topology(current),
            Requested = Topology(requested),
            Status = status,
            Limits = EngineConfig.Defaults.LimitsFor(CompatibilityVersion.Parse(version), Architecture.X86_64),
            Os = Linux,
        };

    private static IReadOnlyList<string> Codes(VmCpuUpdateContext context) =>
        [.. VmUpdateValidation.Validate(context).Select(f => f.Code)];

    [Theory]
    [InlineData("2x1x1", VmStatus.Down)]
    [InlineData("4x1x1", VmStatus.Up)]
    [InlineData("1x1x1", VmStatus.Up)]
    [InlineData("8x2x2", VmStatus.Down)]
    public void Validate_ReasonableChange_NoFaults(string requested, VmStatus status) =>
        Assert.Empty(VmUpdateValidation.Validate(Context("2x1x1", requested, status) with { StartedMaxVCpus = 16 }));

    [Theory]
    [InlineData("10x72x1", "4.8", "MAX_NUM_CPU_EXCEEDED", "Cannot edit VM. Maximum number of CPUs exceeded.")]
    [InlineData("2x200x1", "4.4", "MAX_NUM_CPU_EXCEEDED", "Cannot edit VM. Maximum number of CPUs exceeded.")]
    [InlineData("17x1x1", "4.5", "MAX_NUM_SOCKETS_EXCEEDED", "Cannot edit VM. Maximum number of sockets exceeded.")]
    [InlineData("1x255x1", "4.8", "MAX_NUM_CPU_PER_SOCKET_EXCEEDED", "Cannot edit VM. Maximum number of CPUs per socket exceeded.")]
    [InlineData("1x1x9", "4.8", "MAX_NUM_THREADS_PER_CPU_EXCEEDED", "Cannot edit VM. Maximum number of threads per cpu exceeded")]
    [InlineData("0x1x1", "4.8", "MIN_NUM_SOCKETS", "Minimum number of sockets cannot be less then 1")]
    [InlineData("1x0x1", "4.8", "MIN_NUM_CPU_PER_SOCKET", "Minimum number of CPU per socket cannot be less than 1")]
    [InlineData("1x1x0", "4.8", "MIN_NUM_THREADS_PER_CPU", "Minimum number of threads per CPU cannot be less than 1")]
    [InlineData("-1x1x1", "4.8", "MIN_NUM_SOCKETS", "Minimum number of sockets cannot be less then 1")]
    public void Validate_LimitRow_ExactConflictFault(string requested, string version, string code, string text) =>
        Assert.Equal(new Fault(code, FaultKind.Conflict, text),
            Assert.Single(VmUpdateValidation.Validate(Context("1x1x1", requested, version: version))));

    [Fact]
    public void Validate_AllCountsZero_ThreeMinimumFaultsOnly() =>
        Assert.Equal(["MIN_NUM_SOCKETS", "MIN_NUM_CPU_PER_SOCKET", "MIN_NUM_THREADS_PER_CPU"],
            Codes(Context("1x1x1", "0x0x0") with { Os = Linux with { MinimumCpus = 2 }, CpuPinning = "5#1" }));

    [Fact]
    public void Validate_HugeTopology_NoOverflow() =>
        Assert.Equal(["MAX_NUM_CPU_EXCEEDED", "MAX_NUM_SOCKETS_EXCEEDED", "MAX_NUM_CPU_PER_SOCKET_EXCEEDED",
            "MAX_NUM_THREADS_PER_CPU_EXCEEDED"], Codes(Context("1x1x1", "2000000000x2000000000x9")));

    [Fact]
    public void Validate_BelowGuestOsMinimum_ExactFault()
    {
        var context = Context("2x1x1", "1x1x1") with { Os = Linux with { MinimumCpus = 2 } };

        Assert.Equal(new Fault("GUEST_OS_MIN_CPUS", FaultKind.Conflict, "Cannot edit VM. The guest OS requires at least 2 CPUs."),
            Assert.Single(VmUpdateValidation.Validate(context)));
    }

    [Theory]
    // host cores, threads, count threads, dedicated to others, overcommit, requested → fault?
    [InlineData(4, 8, false, 0, 1.0, "6x1x1", true)]
    [InlineData(4, 8, true, 0, 1.0, "6x1x1", false)]
    [InlineData(4, 8, true, 3, 1.0, "6x1x1", true)]
    [InlineData(4, 8, true, 2, 1.0, "6x1x1", false)]
    [InlineData(4, 8, false, 0, 2.0, "8x1x1", false)]
    [InlineData(4, 8, false, 0, 1.5, "7x1x1", true)]
    [InlineData(4, 8, false, 0, 1.0, "4x1x1", false)]
    public void Validate_RunningVmGrows_HostCapacity(int cores, int threads, bool countThreads, int dedicated,
        double overcommit, string requested, bool expectFault)
    {
        var context = Context("2x1x1", requested, VmStatus.Up) with
        {
            Host = new HostCpuCapacity(cores, threads, countThreads, dedicated, overcommit),
        };

        var expected = new Fault("CPUS_NOT_AVAILABLE_ON_HOST", FaultKind.BadRequest,
            "The requested number of vCPUs is not available on the host the VM is running on");
        Assert.Equal(expectFault ? [expected] : [], VmUpdateValidation.Validate(context));
    }

    [Theory]
    [InlineData(false, true)] // sockets × cores = 3 > 2 host cores
    [InlineData(true, false)] // 3 ≤ 4 host threads; the VM's own threads are not counted (6 would not fit)
    public void Validate_RunningVmWithThreadsGrows_DemandIsSocketsTimesCores(bool countThreads, bool expectFault)
    {
        var context = Context("1x1x2", "3x1x2", VmStatus.Up) with { Host = new HostCpuCapacity(2, 4, countThreads, 0) };

        Assert.Equal(expectFault ? ["CPUS_NOT_AVAILABLE_ON_HOST"] : [], Codes(context));
    }

    [Theory]
    [InlineData(VmStatus.Up, true, "8x1x1")] // next run: the scheduler places it at the next start
    [InlineData(VmStatus.Down, false, "8x1x1")]
    [InlineData(VmStatus.Up, false, "8x2x1")] // cores change: wholly next run
    public void Validate_NotHotPlugged_NoHostCheck(VmStatus status, bool nextRun, string requested) =>
        Assert.Empty(VmUpdateValidation.Validate(Context("2x1x1", requested, status) with
        {
            NextRun = nextRun,
            Host = new HostCpuCapacity(1, 1, false, 0),
        }));

    [Theory]
    [InlineData(CpuPinningPolicy.Dedicated, "4x1x1", "Hot plugging a CPU is not supported with the CPU pinning policy dedicated.")]
    [InlineData(CpuPinningPolicy.IsolateThreads, "1x1x1", "Hot plugging a CPU is not supported with the CPU pinning policy isolate_threads.")]
    public void Validate_ExclusivePolicyTotalChanges_ExactFault(CpuPinningPolicy policy, string requested, string text) =>
        Assert.Equal(new Fault("CPU_HOT_PLUG_NOT_SUPPORTED_WITH_PINNING_POLICY", FaultKind.NotSupported, text),
            Assert.Single(VmUpdateValidation.Validate(Context("2x1x1", requested, VmStatus.Up) with { PinningPolicy = policy })));

    [Theory]
    [InlineData(VmStatus.Down, false, "4x1x1")]
    [InlineData(VmStatus.Up, true, "4x1x1")]
    [InlineData(VmStatus.Up, false, "2x1x1")]
    public void Validate_ExclusivePolicyNoHotSet_NoFault(VmStatus status, bool nextRun, string requested) =>
        Assert.Empty(VmUpdateValidation.Validate(Context("2x1x1", requested, status) with
        {
            PinningPolicy = CpuPinningPolicy.Dedicated,
            NextRun = nextRun,
        }));

    [Theory]
    [InlineData("0#1_3#2", "2x1x1", true)]
    [InlineData("0#1_3#2", "4x1x1", false)]
    [InlineData("1#0-3", "1x1x1", true)]
    [InlineData("1#0-3", "1x2x1", false)]
    [InlineData("", "1x1x1", false)]
    public void Validate_PinnedVcpuBeyondNewTotal_ExactFault(string pinning, string requested, bool expectFault)
    {
        var context = Context("4x1x1", requested, VmStatus.Up) with
        {
            PinningPolicy = CpuPinningPolicy.Manual,
            CpuPinning = pinning,
        };

        var expected = new Fault("CPU_PINNING_VCPU_DOES_NOT_EXIST", FaultKind.BadRequest,
            "CPU pinning validation failed - virtual CPU does not exist in vm.");
        Assert.Equal(expectFault ? [expected] : [], VmUpdateValidation.Validate(context));
    }

    [Fact]
    public void Validate_PinningUnparsable_FormatFault()
    {
        var fault = Assert.Single(VmUpdateValidation.Validate(Context("2x1x1", "2x1x1") with { CpuPinning = "0#1_x" }));

        Assert.Equal(("CPU_PINNING_FORMAT_INVALID", FaultKind.BadRequest), (fault.Code, fault.Kind));
        Assert.StartsWith("Cannot edit VM. CPU pinning format invalid. 'x' in CPU pinning '0#1_x'", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MoreNumaNodesThanCpus_ExactFault()
    {
        var context = Context("4x1x1", "2x1x1") with { NumaNodes = [new(0, [0]), new(1, [1]), new(2, [])] };

        Assert.Equal(new Fault("NUMA_NODES_MORE_THAN_CPUS", FaultKind.BadRequest,
            "Cannot edit VM. Assigned 3 NUMA nodes for 2 CPU cores. Cannot assign more NUMA nodes than CPU cores."),
            Assert.Single(VmUpdateValidation.Validate(context)));
    }

    [Fact]
    public void Validate_NumaCpuIndexOutOfRange_OneFaultPerIndex()
    {
        var context = Context("8x1x1", "4x1x1") with { NumaNodes = [new(0, [0, 1, 5]), new(1, [2, 3, 7, -1, 5])] };

        Assert.Equal(
        [
            new Fault("NUMA_INVALID_CPU_INDEX", FaultKind.BadRequest, "A NUMA node has an invalid CPU index: -1. Indexes must be between 0 and 3."),
            new Fault("NUMA_INVALID_CPU_INDEX", FaultKind.BadRequest, "A NUMA node has an invalid CPU index: 5. Indexes must be between 0 and 3."),
            new Fault("NUMA_INVALID_CPU_INDEX", FaultKind.BadRequest, "A NUMA node has an invalid CPU index: 7. Indexes must be between 0 and 3."),
        ], VmUpdateValidation.Validate(context));
    }

    [Theory]
    [InlineData(16, "20x1x1", VmStatus.Up, false, true)]
    [InlineData(16, "16x1x1", VmStatus.Up, false, false)]
    [InlineData(16, "20x1x1", VmStatus.Up, true, false)] // next_run: applied at restart
    [InlineData(0, "20x1x1", VmStatus.Up, false, false)] // started before max vCPUs were tracked: no check
    [InlineData(16, "10x2x1", VmStatus.Up, false, false)] // cores change: next run, not a hot plug
    [InlineData(16, "20x1x1", VmStatus.Paused, false, false)] // not Up: next run
    public void Validate_AboveStartedMax_BetterFault(int startedMax, string requested, VmStatus status, bool nextRun, bool expectFault)
    {
        var context = Context("8x1x1", requested, status) with { StartedMaxVCpus = startedMax, NextRun = nextRun };

        var expected = VmFaults.CpusAboveStartedMax(20, 16);
        Assert.Equal(expectFault ? [expected] : [], VmUpdateValidation.Validate(context));
        if (expectFault)
        {
            Assert.Contains("16", expected.Message, StringComparison.Ordinal);
            Assert.Contains("20", expected.Message, StringComparison.Ordinal);
            Assert.Contains("next_run", expected.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(Chipset.I440fx, "70x3x1", true)] // 3 cores: 64 APIC sockets, 192 < 210
    [InlineData(Chipset.Q35, "70x3x1", false)]
    [InlineData(Chipset.I440fx, "64x3x1", false)]
    [InlineData(Chipset.I440fx, "250x1x1", true)] // more than 240 on i440fx
    public void Validate_VersionGiven_TopologyMustBeStartable(Chipset chipset, string requested, bool expectFault)
    {
        var context = Context("1x1x1", requested) with { Version = new(4, 8), Chipset = chipset };

        Assert.Equal(expectFault ? ["CPU_TOPOLOGY_NOT_STARTABLE"] : [], Codes(context));
    }

    [Fact]
    public void Validate_ManyProblems_AllReportedInSpecOrder()
    {
        var context = Context("8x1x1", "20x1x9", VmStatus.Up) with
        {
            StartedMaxVCpus = 16,
            CpuPinning = "200#1",
            NumaNodes = [new(0, [500])],
            Os = Linux with { MinimumCpus = 1000 },
            Limits = EngineConfig.Defaults.LimitsFor(new(4, 5), Architecture.X86_64),
        };

        Assert.Equal(["MAX_NUM_SOCKETS_EXCEEDED", "MAX_NUM_THREADS_PER_CPU_EXCEEDED", "GUEST_OS_MIN_CPUS",
            "CPU_PINNING_VCPU_DOES_NOT_EXIST", "NUMA_INVALID_CPU_INDEX"], Codes(context));
    }

    [Fact]
    public void Validate_SocketsAboveMaxOnRunningVmBeyondHost_LimitFirstHostCapacityLast()
    {
        var context = Context("1x1x1", "20000x1x1", VmStatus.Up) with
        {
            Host = new HostCpuCapacity(Cores: 2, Threads: 2, CountThreadsAsCores: false, CpusDedicatedToOtherVms: 0, OvercommitRatio: 1),
        };

        Assert.Equal(["MAX_NUM_CPU_EXCEEDED", "MAX_NUM_SOCKETS_EXCEEDED", "CPUS_NOT_AVAILABLE_ON_HOST"], Codes(context));
    }
}
