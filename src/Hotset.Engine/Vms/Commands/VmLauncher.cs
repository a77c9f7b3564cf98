using Hotset.Core.Agent;
using Hotset.Core.Vms;
using Hotset.Engine.Audit;
using Hotset.Engine.Clusters;
using Hotset.Engine.Commands;
using Hotset.Engine.Hosts;
using Hotset.Engine.Persistence.Config;
using Host = Hotset.Engine.Hosts.Host;

namespace Hotset.Engine.Vms.Commands;

/// <summary>
/// Starts a Down VM: applies its next-run configuration, fixes its max vCPUs (SPEC §6 or the VM's override), picks
/// an Up host of its cluster with room, and calls <c>VM.create</c>. Used by start and by the cold reboot; the
/// caller holds the VM's lock.
/// </summary>
public sealed partial class VmLauncher(IVmStore vms, IClusterStore clusters, IHostStore hosts, IHostAgents agents,
    IAuditLog audit, IEngineConfigProvider config, ILogger<VmLauncher> logger)
{
    /// <summary>Launches <paramref name="vm"/>; <paramref name="logStarted"/> adds event 153 (not for a reboot).</summary>
    public async Task<CommandResult> LaunchAsync(Vm vm, Caller caller, bool logStarted, CancellationToken ct)
    {
        var configuration = vm.NextRun ?? vm.Configuration;
        var cluster = await clusters.GetAsync(vm.ClusterId, ct)
            ?? throw new InvalidOperationException($"VM {vm.Id} belongs to cluster {vm.ClusterId}, which does not exist.");
        var limits = (await config.GetAsync(ct)).LimitsFor(cluster.Version, cluster.Architecture);
        var maxVCpus = MaxVCpus.Effective(configuration.Topology, cluster.Version, cluster.Architecture,
            configuration.Chipset, limits, configuration.MaxVCpusOverride);
        if (configuration.Topology.VCpus > maxVCpus)
        {
            return CommandResult.Fail(VmActionFaults.AboveMaxVCpus(vm, configuration.Topology.VCpus, maxVCpus));
        }

        var candidates = (await hosts.ListAsync(ct))
            .Where(h => h.ClusterId == cluster.Id && h.Status == HostStatus.Up).ToList();
        var host = await PickHostAsync(vm, configuration.Topology, cluster, candidates, ct);
        if (host is null)
        {
            return CommandResult.Fail(
                VmActionFaults.NoHostWithRoom(vm, cluster.Name, configuration.Topology.VCpus, candidates));
        }

        var launching = await vms.ChangeAsync(vm.Id, v => v with
        {
            Configuration = configuration,
            NextRun = null,
            Status = VmStatus.WaitForLaunch,
            RunOnHostId = host.Id,
            StartedMaxVCpus = maxVCpus,
            VcpuCount = -1,
            GuestCpuCount = -1,
        }, ct) ?? throw new InvalidOperationException($"VM {vm.Id} disappeared while starting.");

        var agent = agents.For(host);
        try
        {
            // Once the host is asked, the answer is recorded even if the caller went away.
            await agent.CreateAsync(VmDefinitions.For(launching, maxVCpus), CancellationToken.None);
        }
        catch (AgentException e)
        {
            LogCreateFailed(vm.Id, host.Name, e.Code, e.Message);
            await vms.ChangeAsync(vm.Id, v => v.AsDown(), CancellationToken.None);
            return CommandResult.Fail(VmActionFaults.HostFailed("run", vm, host, e.Message));
        }

        var poweringUp = await vms.ChangeAsync(vm.Id, v => v with { Status = VmStatus.PoweringUp }, CancellationToken.None)
            ?? launching;
        if (logStarted)
        {
            await audit.AddAsync(VmEvents.Started(poweringUp, caller, host), CancellationToken.None);
        }

        await ObserveFirstStatsAsync(poweringUp, host, agent, caller);
        return CommandResult.Ok;
    }

    /// <summary>
    /// The host with the most room (SPEC §4's rule) and, among equals, the fewest VMs placed on it, so that a cluster
    /// of alike hosts fills evenly (oVirt's even distribution). Two queries whatever the number of hosts: the VM
    /// count per host and the exclusively pinned VMs (the only ones the room rule counts).
    /// </summary>
    private async Task<Host?> PickHostAsync(Vm vm, CpuTopology topology, Cluster cluster, List<Host> candidates,
        CancellationToken ct)
    {
        if (candidates.Count == 0)
        {
            return null;
        }

        var placed = await vms.CountByHostAsync(ct);
        var pinned = (await vms.ListExclusivelyPinnedAsync(null, ct)).Where(v => v.Id != vm.Id).ToLookup(v => v.RunOnHostId);
        Host? best = null;
        (int Room, int Vms) bestScore = (int.MinValue, int.MaxValue);
        foreach (var host in candidates)
        {
            var capacity = HostRoom.For(host, cluster, pinned[host.Id]);
            var score = (capacity.AvailableCpus, placed.GetValueOrDefault(host.Id));
            if (capacity.Fits(topology) && (score.AvailableCpus > bestScore.Room
                || (score.AvailableCpus == bestScore.Room && score.Item2 < bestScore.Vms)))
            {
                (best, bestScore) = (host, score);
            }
        }

        return best;
    }

    /// <summary>Takes the agent's first report so a VM that is up at once is Up (event 32) without waiting for monitoring.</summary>
    private async Task ObserveFirstStatsAsync(Vm vm, Host host, IAgentClient agent, Caller caller)
    {
        try
        {
            var stats = await agent.GetStatsAsync(vm.Id.ToString(), CancellationToken.None);
            if (AgentVmStatus.Parse(stats.Status) != VmStatus.Up)
            {
                return;
            }

            var up = await vms.ChangeAsync(vm.Id, v => v.Status != VmStatus.PoweringUp ? null : v with
            {
                Status = VmStatus.Up,
                VcpuCount = stats.VcpuCount,
                GuestCpuCount = stats.GuestCpuCount,
            }, CancellationToken.None);
            if (up is not null)
            {
                await audit.AddAsync(VmEvents.Up(up, host, caller.CorrelationId), CancellationToken.None);
            }
        }
        catch (AgentException e)
        {
            LogFirstStatsFailed(vm.Id, host.Name, e.Message);
        }
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "VM {VmId}: host {HostName} could not create it (agent error {Code}): {Error}")]
    private partial void LogCreateFailed(Guid vmId, string hostName, int code, string error);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Information, Message = "VM {VmId}: no first stats from host {HostName}, monitoring will report: {Error}")]
    private partial void LogFirstStatsFailed(Guid vmId, string hostName, string error);
}
