using FsCheck;
using FsCheck.Fluent;
using Hotset.Core.Config;
using Hotset.Core.Vms;

namespace Hotset.Engine.Tests.Preview;

/// <summary>Where the VM of a scenario runs: on the cluster's host, with no host recorded, or on a host that is gone.</summary>
public enum HostSetup
{
    OnHost,
    NoHostId,
    HostGone,
}

/// <summary>What waits in the VM's next-run configuration: nothing, other sockets, or a name (maybe another VM's).</summary>
public enum PendingSetup
{
    None,
    Sockets,
    FreeName,
    TakenName,
}

/// <summary>
/// One engine state for the preview property: the cluster (version, architecture, accounting), an administrator's
/// overrides of SPEC §5 keys, the VM (topology, OS, pinning, status, start-time max, pending next run) and its host.
/// </summary>
public sealed record PreviewScenario(
    CompatibilityVersion Version, Architecture Architecture, bool CountThreadsAsCores, double Overcommit,
    IReadOnlyList<ConfigOverride> Overrides,
    CpuTopology Topology, Chipset Chipset, string OsType, CpuPinningPolicy Policy, string? Pinning, int? MaxOverride,
    VmStatus Status, int StartedMax, HostSetup Host, int HostCores, int HostThreads, int DedicatedToOthers,
    PendingSetup Pending, int PendingSockets, bool NextRun)
{
    public override string ToString() =>
        $"{Version} {Architecture} threadsAsCores={CountThreadsAsCores} x{Overcommit}; overrides [{string.Join(", ", Overrides.Select(o => $"{o.Key}={o.Value}"))}]; " +
        $"VM {Topology} {Chipset} {OsType} {Policy} pins '{Pinning}' maxOverride={MaxOverride} {Status} startedMax={StartedMax} " +
        $"{Host} host {HostCores}c/{HostThreads}t dedicated={DedicatedToOthers} pending={Pending}({PendingSockets}) next_run={NextRun}";
}

/// <summary>Generators of <see cref="PreviewScenario"/>: small VMs, so each preview lists few values, and often odd limits.</summary>
public static class PreviewArbitraries
{
    private static readonly string[] OsTypes =
    [
        "other_linux", "other", "rhel_6", "windows_11", "windows_2003", "windows_2008x64", "windows_2008x64_standard",
        "windows_7x64_starter", "rhel_7_ppc64", "other_linux_s390x",
    ];

    private static Gen<ConfigOverride?> Override(ConfigKey key, CompatibilityVersion version, Architecture arch, Gen<string> values) =>
        Gen.Frequency(
            (2, Gen.Constant<ConfigOverride?>(null)),
            (1, values.Select(v => (ConfigOverride?)new ConfigOverride(key, version, ConfigKeys.IsPerArchitecture(key) ? arch : null, v))));

    private static Gen<IReadOnlyList<ConfigOverride>> Overrides(CompatibilityVersion version, Architecture arch)
    {
        var flags = Gen.Elements("true", "false");
        return from plug in Override(ConfigKey.HotPlugCpuSupported, version, arch, flags)
               from unplug in Override(ConfigKey.HotUnplugCpuSupported, version, arch, flags)
               from cpus in Override(ConfigKey.MaxNumOfVmCpus, version, arch, Gen.Choose(2, 48).Select(Text))
               from sockets in Override(ConfigKey.MaxNumOfVmSockets, version, arch, Gen.Choose(1, 24).Select(Text))
               from perSocket in Override(ConfigKey.MaxNumOfCpuPerSocket, version, arch, Gen.Choose(1, 3).Select(Text))
               from threads in Override(ConfigKey.MaxNumOfThreadsPerCpu, version, arch, Gen.Choose(1, 2).Select(Text))
               select (IReadOnlyList<ConfigOverride>)[.. new[] { plug, unplug, cpus, sockets, perSocket, threads }.OfType<ConfigOverride>()];
    }

    private static readonly Gen<(CompatibilityVersion, Architecture, bool, double)> Clusters =
        from version in Gen.Elements(CompatibilityVersion.Supported.ToArray())
        from arch in Gen.Frequency((4, Gen.Constant(Architecture.X86_64)), (1, Gen.Elements(Enum.GetValues<Architecture>())))
        from threadsAsCores in Gen.Elements(true, false)
        from ratio in Gen.Elements(1.0, 1.0, 1.5, 2.0)
        select (version, arch, threadsAsCores, ratio);

    private static readonly Gen<(CpuTopology, Chipset, string, CpuPinningPolicy, string?, int?)> Vms =
        from s in Gen.Choose(1, 8)
        from c in Gen.Frequency((3, Gen.Constant(1)), (1, Gen.Choose(2, 3)))
        from t in Gen.Frequency((3, Gen.Constant(1)), (1, Gen.Constant(2)))
        from chipset in Gen.Elements(Enum.GetValues<Chipset>())
        from os in Gen.Frequency((2, Gen.Constant("other_linux")), (3, Gen.Elements(OsTypes)))
        from policy in Gen.Frequency((6, Gen.Constant(CpuPinningPolicy.None)), (1, Gen.Elements(Enum.GetValues<CpuPinningPolicy>())))
        from pinning in Gen.Frequency((5, Gen.Constant<string?>(null)), (1, Gen.Elements<string?>("0#0", "2#1", "1#0-1_3#2")))
        from maxOverride in Gen.Frequency((5, Gen.Constant<int?>(null)), (1, Gen.Choose(1, 24).Select(m => (int?)(m * c * t))))
        select (new CpuTopology(s, c, t), chipset, os, policy, pinning, maxOverride);

    private static readonly Gen<(VmStatus, HostSetup, int, int, int)> Placements =
        from status in Gen.Frequency((3, Gen.Constant(VmStatus.Down)), (6, Gen.Constant(VmStatus.Up)),
            (1, Gen.Elements(VmStatus.PoweringUp, VmStatus.Paused, VmStatus.MigratingFrom)))
        from host in Gen.Frequency((8, Gen.Constant(HostSetup.OnHost)), (1, Gen.Elements(HostSetup.NoHostId, HostSetup.HostGone)))
        from cores in Gen.Frequency((1, Gen.Choose(1, 8)), (3, Gen.Choose(8, 48)))
        from threadsPerCore in Gen.Elements(1, 2)
        from dedicated in Gen.Frequency((3, Gen.Constant(0)), (1, Gen.Choose(1, 6)))
        select (status, host, cores, cores * threadsPerCore, dedicated);

    public static Arbitrary<PreviewScenario> Scenarios() =>
        (from cluster in Clusters
         from overrides in Overrides(cluster.Item1, cluster.Item2)
         from vm in Vms
         from placement in Placements
         from startedMaxSockets in Gen.Frequency((2, Gen.Constant(0)), (2, Gen.Choose(1, 12)))
         from pending in Gen.Frequency((12, Gen.Constant(PendingSetup.None)), (1, Gen.Elements(Enum.GetValues<PendingSetup>())))
         from pendingSockets in Gen.Choose(1, 6)
         from nextRun in Gen.Frequency((1, Gen.Constant(true)), (3, Gen.Constant(false)))
         let config = EngineConfig.Defaults.With(overrides).LimitsFor(cluster.Item1, cluster.Item2)
         let topology = vm.Item1
         // A running VM started with the max of SPEC §6 (0 sockets) or with room for a few sockets.
         let startedMax = startedMaxSockets == 0
             ? Math.Max(topology.VCpus, MaxVCpus.Compute(topology, cluster.Item1, cluster.Item2, vm.Item2, config))
             : Math.Max(topology.Sockets, startedMaxSockets) * topology.CpusPerSocket
         select new PreviewScenario(cluster.Item1, cluster.Item2, cluster.Item3, cluster.Item4, overrides,
             topology, vm.Item2, vm.Item3, vm.Item4, vm.Item5, vm.Item6,
             placement.Item1, startedMax, placement.Item2, placement.Item3, placement.Item4, placement.Item5,
             placement.Item1 == VmStatus.Down ? PendingSetup.None : pending, pendingSockets, nextRun)).ToArbitrary();

    private static string Text(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
