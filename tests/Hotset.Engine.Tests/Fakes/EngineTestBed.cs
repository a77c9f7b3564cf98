using Hotset.Core.Vms;
using Hotset.Engine.Clusters;
using Hotset.Engine.Hosts;
using Hotset.Engine.Monitoring;
using Hotset.Engine.Operability;
using Hotset.Engine.Vms;
using Hotset.Engine.Vms.Commands;
using Hotset.Engine.Vms.Migration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Host = Hotset.Engine.Hosts.Host;

namespace Hotset.Engine.Tests.Fakes;

/// <summary>
/// The engine's commands and monitoring wired by hand over in-memory stores and one fake host agent: a cluster
/// <c>Default</c> (4.8, x86_64) with one Up host of 8 cores.
/// </summary>
public sealed class EngineTestBed
{
    public static readonly Caller Admin = new("admin@internal", "corr-1");

    public EngineTestBed()
    {
        Vms = new(Audit);
        Cluster = new Cluster { Id = Cluster.DefaultId, Name = "Default" };
        Clusters.AddAsync(Cluster, default).GetAwaiter().GetResult();
        Host = new Host
        {
            Id = Guid.NewGuid(),
            Name = "host1",
            ClusterId = Cluster.Id,
            Address = FakeAgentClient.Address,
            Secret = "s3cret",
            Status = HostStatus.Up,
        };
        Host = Host with { Capabilities = Agents[Host.Id].Capabilities };
        Hosts.AddAsync(Host, default).GetAwaiter().GetResult();

        var launcher = new VmLauncher(Vms, Clusters, Hosts, Agents, Audit, Config, NullLogger<VmLauncher>.Instance);
        Stop = new StopVmCommand(Vms, Hosts, Agents, Audit, Locks);
        HotSet = new HotSetNumberOfCpusCommand(Agents, new EngineMetrics(), NullLogger<HotSetNumberOfCpusCommand>.Instance);
        Update = new UpdateVmCommand(Vms, Clusters, Hosts, Audit, Config, Locks, HotSet);
        Start = new StartVmCommand(Vms, Locks, launcher);
        Shutdown = new ShutdownVmCommand(Vms, Hosts, Agents, Audit, Locks);
        Reboot = new RebootVmCommand(Vms, Hosts, Audit, Locks, Stop, launcher);
        Follower = new MigrationFollower(Vms, Agents, Audit, Tracker, Options.Create(MigrationOptions), TimeProvider.System,
            NullLogger<MigrationFollower>.Instance);
        Migrate = new MigrateVmCommand(Vms, Hosts, Clusters, Agents, Audit, Locks, Tracker, Follower,
            Options.Create(MigrationOptions), TimeProvider.System);
        CancelMigration = new CancelMigrationCommand(Vms, Agents, Tracker, TimeProvider.System);
        Poller = new HostPoller(Hosts, Vms, Agents, Audit, Locks, Samples, Options.Create(MonitoringOptions),
            NullLogger<HostPoller>.Instance);
    }

    public InMemoryAuditLog Audit { get; } = new();
    public InMemoryVmStore Vms { get; }
    public InMemoryHostStore Hosts { get; } = new();
    public InMemoryClusterStore Clusters { get; } = new();
    public FakeHostAgents Agents { get; } = new();
    public FakeEngineConfigProvider Config { get; } = new();
    public VmLocks Locks { get; } = new();
    public VcpuSamples Samples { get; } = new();
    public HostMonitoringOptions MonitoringOptions { get; } = new();
    public Cluster Cluster { get; }
    public Host Host { get; }
    public FakeAgentClient Agent => Agents[Host.Id];
    public HotSetNumberOfCpusCommand HotSet { get; }
    public UpdateVmCommand Update { get; }
    public StartVmCommand Start { get; }
    public StopVmCommand Stop { get; }
    public ShutdownVmCommand Shutdown { get; }
    public RebootVmCommand Reboot { get; }
    public HostPoller Poller { get; }
    public MigrationTracker Tracker { get; } = new();

    /// <summary>Polls the source every 10 ms; a setup longer than 1 s is stuck.</summary>
    public MigrationOptions MigrationOptions { get; } = new()
    {
        PollInterval = TimeSpan.FromMilliseconds(10),
        SetupTimeout = TimeSpan.FromSeconds(1),
    };

    public MigrationFollower Follower { get; }
    public MigrateVmCommand Migrate { get; }
    public CancelMigrationCommand CancelMigration { get; }

    /// <summary>Another host of the cluster (8 cores like <see cref="Host"/> unless its agent's capabilities change first).</summary>
    public async Task<Host> AddHostAsync(string name, HostStatus status = HostStatus.Up)
    {
        var id = Guid.NewGuid();
        var host = new Host
        {
            Id = id,
            Name = name,
            ClusterId = Cluster.Id,
            Address = FakeAgentClient.Address,
            Secret = "s3cret",
            Status = status,
            Capabilities = Agents[id].Capabilities,
        };
        await Hosts.AddAsync(host, default);
        return host;
    }

    /// <summary>Waits until every migration followed now has been recorded.</summary>
    public Task MigrationsEndedAsync() =>
        Task.WhenAll(Tracker.Running.Select(m => m.Ended)).WaitAsync(TimeSpan.FromSeconds(30));

    public async Task<Vm> AddVmAsync(string name = "vm1", CpuTopology? topology = null, string osType = "other_linux")
    {
        var vm = new Vm
        {
            Id = Guid.NewGuid(),
            ClusterId = Cluster.Id,
            Configuration = new VmConfiguration
            {
                Name = name,
                Description = "before",
                Topology = topology ?? new CpuTopology(1, 1, 1),
                OsType = osType,
            },
        };
        await Vms.AddAsync(vm, default);
        return vm;
    }

    /// <summary>A VM started through the start command, Up on <see cref="Host"/>; the audit log is cleared after.</summary>
    public async Task<Vm> AddRunningVmAsync(string name = "vm1", CpuTopology? topology = null, string osType = "other_linux")
    {
        var vm = await AddVmAsync(name, topology, osType);
        var started = await Start.RunAsync(new VmAction(vm.Id, Admin), default);
        Assert.True(started.Succeeded, string.Join("; ", started.Faults.Select(f => f.Message)));
        Assert.Equal(VmStatus.Up, Vms.Get(vm.Id).Status);
        return Vms.Get(vm.Id);
    }

    public Task<UpdateVmOutcome> UpdateAsync(Guid vmId, VmPatch patch, bool nextRun = false) =>
        Update.RunAsync(new UpdateVm(vmId, patch, nextRun, Admin), default);

    public Task PollAsync() => Poller.PollAsync(Hosts.Get(Host.Id), default);

    /// <summary>Events logged after <paramref name="afterId"/>, oldest first.</summary>
    public IReadOnlyList<Audit.AuditEvent> EventsAfter(long afterId) => [.. Audit.Events.Where(e => e.Id > afterId)];

    public long LastEventId => Audit.Events.Count == 0 ? 0 : Audit.Events[^1].Id;
}
