using FsCheck;
using FsCheck.Fluent;
using Hotset.Core.Config;
using Hotset.Core.Os;
using Hotset.Core.Vms;

namespace Hotset.Core.Tests.Properties;

/// <summary>A topology with the version, architecture and chipset it is computed for, within that cluster's limits.</summary>
public sealed record LimitedTopology(CpuTopology Topology, CompatibilityVersion Version, Architecture Architecture,
    Chipset Chipset, CpuLimits Limits);

/// <summary>Generators for the CPU rules' property tests.</summary>
public static class CpuArbitraries
{
    private static readonly Gen<CompatibilityVersion> Versions = Gen.Elements(CompatibilityVersion.Supported.ToArray());
    private static readonly Gen<Architecture> Architectures = Gen.Elements(Enum.GetValues<Architecture>());
    private static readonly Gen<Chipset> Chipsets = Gen.Elements(Enum.GetValues<Chipset>());
    private static readonly Gen<VmStatus> Statuses = Gen.Elements(Enum.GetValues<VmStatus>());
    private static readonly Gen<CpuPinningPolicy> Policies = Gen.Elements(Enum.GetValues<CpuPinningPolicy>());

    /// <summary>Small counts, sometimes 0 or negative, so every rule gets exercised.</summary>
    private static readonly Gen<CpuTopology> AnyTopology =
        from s in Gen.Frequency((8, Gen.Choose(1, 24)), (1, Gen.Choose(-1, 0)), (1, Gen.Choose(25, 20000)))
        from c in Gen.Frequency((8, Gen.Choose(1, 8)), (1, Gen.Choose(-1, 0)), (1, Gen.Choose(9, 300)))
        from t in Gen.Frequency((8, Gen.Choose(1, 2)), (1, Gen.Choose(-1, 0)), (1, Gen.Choose(3, 10)))
        select new CpuTopology(s, c, t);

    /// <summary>Occasionally an administrator's lower limits.</summary>
    private static readonly Gen<Func<CpuLimits, CpuLimits>> LimitTweaks = Gen.Frequency(
        (6, Gen.Constant<Func<CpuLimits, CpuLimits>>(l => l)),
        (1, Gen.Choose(1, 300).Select<int, Func<CpuLimits, CpuLimits>>(v => l => l with { MaxVCpus = v })),
        (1, Gen.Choose(1, 64).Select<int, Func<CpuLimits, CpuLimits>>(s => l => l with { MaxSockets = s })));

    public static Arbitrary<LimitedTopology> LimitedTopologies() =>
        (from version in Versions
         from arch in Architectures
         from chipset in Chipsets
         from tweak in LimitTweaks
         let limits = tweak(EngineConfig.Defaults.LimitsFor(version, arch))
         from t in Gen.Choose(1, limits.MaxThreadsPerCpu)
         from c in Gen.Frequency((4, Gen.Choose(1, 16)), (1, Gen.Choose(1, limits.MaxCpuPerSocket)))
         from s in Gen.Choose(1, Math.Min(limits.MaxSockets, 64))
         let topology = new CpuTopology(s, c, t)
         where topology.VCpus <= limits.MaxVCpus
         select new LimitedTopology(topology, version, arch, chipset, limits)).ToArbitrary();

    public static Arbitrary<HotSetDecisionInput> DecisionInputs() =>
        (from current in AnyTopology
         from requested in Gen.Frequency(
             (3, Gen.Constant(current)),
             (3, Gen.Choose(1, 24).Select(s => current.WithSockets(s))),
             (2, AnyTopology))
         from status in Statuses
         from nextRun in Gen.Elements(true, false)
         from policy in Policies
         select new HotSetDecisionInput(current, requested, status, nextRun, policy)).ToArbitrary();

    public static Arbitrary<VmCpuUpdateContext> UpdateContexts() =>
        (from decision in DecisionInputs().Generator
         from version in Versions
         from arch in Architectures
         from chipset in Chipsets
         from tweak in LimitTweaks
         from minimum in Gen.Frequency((4, Gen.Constant(1)), (1, Gen.Choose(1, 8)))
         from startedMax in Gen.Frequency((1, Gen.Constant(0)), (2, Gen.Choose(1, 48)))
         from host in Gen.Frequency((1, Gen.Constant<HostCpuCapacity?>(null)), (2,
             from cores in Gen.Choose(1, 32)
             from countThreads in Gen.Elements(true, false)
             from dedicated in Gen.Choose(0, 8)
             from ratio in Gen.Elements(1.0, 1.5, 4.0)
             select (HostCpuCapacity?)new HostCpuCapacity(cores, cores * 2, countThreads, dedicated, ratio)))
         from pinning in Gen.Frequency((2, Gen.Constant<string?>(null)), (2, Pinnings.Select(p => (string?)p.ToString())),
             (1, Gen.Elements<string?>("0#x", "1#1_1#2", "", "7#0-3")))
         from numaCells in Gen.Choose(0, 3)
         from numa in Gen.ListOf(Gen.ListOf(Gen.Choose(-1, 40), 3), numaCells)
         from withVersion in Gen.Elements(true, false)
         from maxOverride in Gen.Frequency((3, Gen.Constant<int?>(null)), (1, Gen.Choose(1, 800).Select(m => (int?)m)))
         select new VmCpuUpdateContext
         {
             VmName = "vm",
             Current = decision.Current,
             Requested = decision.Requested,
             Status = decision.Status,
             NextRun = decision.NextRun,
             PinningPolicy = decision.PinningPolicy,
             Limits = tweak(EngineConfig.Defaults.LimitsFor(version, arch)),
             Os = new GuestOs("os", "OS", arch, HotSetSupport.Supported, HotSetSupport.Supported, minimum),
             StartedMaxVCpus = startedMax,
             Host = host,
             CpuPinning = pinning,
             NumaNodes = [.. numa.Select((cpus, i) => new NumaNode(i, [.. cpus]))],
             Version = withVersion ? version : null,
             Architecture = arch,
             Chipset = chipset,
             MaxVCpusOverride = maxOverride,
         }).ToArbitrary();

    private static readonly Gen<IReadOnlySet<int>> HostCpuSets =
        from cpus in Gen.NonEmptyListOf(Gen.Choose(0, 63))
        select (IReadOnlySet<int>)cpus.ToHashSet();

    private static Gen<CpuPinning> Pinnings =>
        from vcpus in Gen.ListOf(Gen.Choose(0, 31))
        from sets in Gen.ListOf(HostCpuSets, vcpus.Distinct().Count())
        select new CpuPinning(vcpus.Distinct().Zip(sets).ToDictionary(p => p.First, p => p.Second));

    public static Arbitrary<CpuPinning> CpuPinnings() => Pinnings.ToArbitrary();
}
