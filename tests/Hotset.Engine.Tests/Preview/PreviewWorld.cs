using Hotset.Core.Config;
using Hotset.Core.Vms;
using Hotset.Engine.Tests.Fakes;
using Hotset.Engine.Vms;
using Hotset.Engine.Vms.Preview;

namespace Hotset.Engine.Tests.Preview;

/// <summary>
/// A fresh <see cref="EngineTestBed"/> holding one <see cref="PreviewScenario"/>: the cluster and configuration, the
/// host, the VM under test (<see cref="VmId"/>) and a VM named <c>taken</c> (dedicated CPUs on the host when the
/// scenario says so). Every call of <see cref="Build"/> gives an independent copy of the same state.
/// </summary>
public sealed class PreviewWorld
{
    private PreviewWorld(EngineTestBed bed, Guid vmId) => (Bed, VmId) = (bed, vmId);

    public EngineTestBed Bed { get; }
    public Guid VmId { get; }

    public Vm Vm => Bed.Vms.Get(VmId);

    public static PreviewWorld Build(PreviewScenario s, Guid vmId)
    {
        var bed = new EngineTestBed();
        bed.Config.Config = EngineConfig.Defaults.With(s.Overrides);
        bed.Clusters.UpdateAsync(bed.Cluster with
        {
            Version = s.Version,
            Architecture = s.Architecture,
            CountThreadsAsCores = s.CountThreadsAsCores,
            VcpuOvercommitRatio = s.Overcommit,
        }, default).GetAwaiter().GetResult();
        var host = bed.Hosts.Get(bed.Host.Id);
        bed.Hosts.UpdateAsync(host with
        {
            Capabilities = host.Capabilities! with { CpuCores = s.HostCores, CpuThreads = s.HostThreads },
        }, default).GetAwaiter().GetResult();

        var running = s.Status != VmStatus.Down;
        var config = new VmConfiguration
        {
            Name = "vm1",
            Topology = s.Topology,
            Chipset = s.Chipset,
            OsType = s.OsType,
            CpuPinningPolicy = s.Policy,
            CpuPinning = s.Pinning,
            MaxVCpusOverride = s.MaxOverride,
        };
        var vm = new Vm
        {
            Id = vmId,
            ClusterId = bed.Cluster.Id,
            Configuration = config,
            NextRun = s.Pending switch
            {
                PendingSetup.Sockets => (config with { Topology = s.Topology.WithSockets(s.PendingSockets) }).AsNextRunOf(config),
                PendingSetup.FreeName => config with { Name = "free" },
                PendingSetup.TakenName => config with { Name = "taken" },
                _ => null,
            },
            Status = s.Status,
            RunOnHostId = !running ? null : s.Host switch
            {
                HostSetup.OnHost => bed.Host.Id,
                HostSetup.HostGone => Guid.NewGuid(),
                _ => null,
            },
            StartedMaxVCpus = running ? s.StartedMax : 0,
            VcpuCount = running ? s.Topology.VCpus : -1,
            GuestCpuCount = running ? s.Topology.VCpus : -1,
        };
        bed.Vms.AddAsync(vm, default).GetAwaiter().GetResult();
        if (running)
        {
            bed.Agent.Vms[vmId.ToString()] = new FakeVm(vmId.ToString()) { VcpuCount = s.Topology.VCpus, GuestCpuCount = s.Topology.VCpus };
        }

        var dedicated = s.DedicatedToOthers > 0;
        bed.Vms.AddAsync(new Vm
        {
            Id = Guid.NewGuid(),
            ClusterId = bed.Cluster.Id,
            Configuration = new VmConfiguration
            {
                Name = "taken",
                Topology = new CpuTopology(Math.Max(1, s.DedicatedToOthers), 1, 1),
                CpuPinningPolicy = dedicated ? CpuPinningPolicy.Dedicated : CpuPinningPolicy.None,
            },
            Status = dedicated ? VmStatus.Up : VmStatus.Down,
            RunOnHostId = dedicated ? bed.Host.Id : null,
        }, default).GetAwaiter().GetResult();
        return new PreviewWorld(bed, vmId);
    }

    /// <summary>The preview as the endpoint computes it, from this world's stores.</summary>
    public CpuOptions Preview(bool nextRun) =>
        new CpuOptionsQuery(Bed.Vms, Bed.Clusters, Bed.Hosts, Bed.Config).RunAsync(VmId, nextRun, EngineTestBed.Admin, default)
            .GetAwaiter().GetResult() ?? throw new InvalidOperationException("The VM is gone.");
}
