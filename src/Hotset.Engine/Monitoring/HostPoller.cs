using Hotset.Core.Agent;
using Hotset.Core.Vms;
using Hotset.Engine.Audit;
using Hotset.Engine.Hosts;
using Hotset.Engine.Vms;
using Hotset.Engine.Vms.Commands;
using Microsoft.Extensions.Options;
using Host = Hotset.Engine.Hosts.Host;

namespace Hotset.Engine.Monitoring;

/// <summary>
/// One poll of one host (VDSM's VM monitoring, seen from the engine): capabilities when the host is new or back,
/// <c>Host.getAllVmStats</c>, then each VM the engine has on the host is brought up to date. A host that cannot be
/// reached (<see cref="AgentErrorCodes.Unreachable"/>) or refuses the engine's secret becomes NonResponsive and its
/// VMs Unknown (not Down); a host whose agent answers with an error keeps its status and its VMs theirs (logged,
/// asked again next round). VMs a command holds are left alone this round; the
/// poller itself never takes a VM's lock, so it never makes an update wait or fail.
/// </summary>
public sealed partial class HostPoller(IHostStore hosts, IVmStore vms, IHostAgents agents, IAuditLog audit,
    VmLocks locks, VcpuSamples samples, IOptions<HostMonitoringOptions> options, ILogger<HostPoller> logger)
{
    public async Task PollAsync(Host host, CancellationToken ct)
    {
        var agent = agents.For(host);

        // Read before the report is asked for: a VM written after this (by a command) is skipped this round, so a
        // report that predates a change — a hot set completing while the report is on its way — is never applied.
        var known = await vms.ListByHostAsync(host.Id, ct);
        IReadOnlyList<VmStats> stats;
        try
        {
            var capabilities = host.Status != HostStatus.Up || host.Capabilities is null
                ? await agent.GetCapabilitiesAsync(ct)
                : host.Capabilities;
            stats = await agent.GetAllVmStatsAsync(ct);
            if (host.Status != HostStatus.Up || capabilities != host.Capabilities)
            {
                LogHostUp(host.Name, host.Status);
                host = await hosts.UpdateAsync(host with { Status = HostStatus.Up, Capabilities = capabilities }, ct);
            }
        }
        catch (AgentException e) when (e.Code is AgentErrorCodes.Unreachable or AgentErrorCodes.Unauthenticated)
        {
            await MarkNonResponsiveAsync(host, e.Message, ct);
            return;
        }
        catch (AgentException e)
        {
            // The agent answered, with an error: a fault on the host, not a lost host. Its VMs still run as last
            // reported, so nothing changes; the next round asks again.
            LogHostAnsweredError(host.Name, e.Code, e.Message);
            return;
        }

        var byId = stats.ToDictionary(s => s.VmId, StringComparer.OrdinalIgnoreCase);
        foreach (var vm in known)
        {
            await ObserveAsync(host, agent, vm, byId.GetValueOrDefault(vm.Id.ToString()), ct);
        }
    }

    private async Task ObserveAsync(Host host, IAgentClient agent, Vm before, VmStats? stats, CancellationToken ct)
    {
        var vmId = before.Id;
        // Monitoring never takes the VM's lock (an update arriving meanwhile would be refused as "being updated"):
        // it leaves alone a VM a command holds and writes with optimistic concurrency, re-checking on a retry.
        var events = new List<AuditEvent>();
        var wentDown = false;
        // From the VM as listed: an unchanged VM costs no database round trip, and a VM written since fails the
        // version check and is read again (then declined below).
        var stored = await vms.ChangeKeepingNameFromAsync(before, vm =>
        {
            events.Clear();
            if (vm.Version != before.Version || locks.IsHeld(vmId) || vm.RunOnHostId != host.Id || vm.Status == VmStatus.Down)
            {
                // Changed since the report was asked for (or being changed): the report may predate the change.
                return null;
            }

            var result = VmStatsTransition.Apply(vm, stats, host);
            events.AddRange(result.Events);
            wentDown = result.WentDown;
            return wentDown ? result.Vm : Reconcile(result.Vm, host, events);
        }, audit, ct);

        if (stored is null)
        {
            samples.Clear(vmId);
            return;
        }

        samples.Observed(vmId, stored.Version);

        foreach (var e in events)
        {
            await audit.AddAsync(e, ct);
        }

        if (wentDown)
        {
            samples.Clear(vmId);
            await ReleaseAsync(agent, vmId, stats is not null, ct);
        }
    }

    /// <summary>SPEC §8 <b>Better:</b> a stable vCPU count on the host that differs from the stored one is stored.</summary>
    private Vm Reconcile(Vm vm, Host host, List<AuditEvent> events)
    {
        var (hostCpus, storedCpus) = (vm.VcpuCount, vm.Configuration.Topology.VCpus);
        if (vm.Status != VmStatus.Up || hostCpus < 1 || hostCpus == storedCpus)
        {
            samples.Clear(vm.Id);
            return vm;
        }

        if (samples.Record(vm.Id, hostCpus, storedCpus, vm.Version) < options.Value.StableSamples)
        {
            return vm;
        }

        if (VmStatsTransition.Reconciled(vm, hostCpus) is { } reconciled)
        {
            LogReconciled(vm.Id, host.Name, storedCpus, hostCpus);
            samples.Clear(vm.Id);
            events.Add(VmEvents.VcpusReconciled(vm, host.Name, storedCpus, hostCpus, reconciled.Configuration.Topology.Sockets));
            return reconciled;
        }

        if (samples.FirstReport(vm.Id))
        {
            events.Add(VmEvents.VcpusUnrepresentable(vm, host.Name, storedCpus, hostCpus));
        }

        return vm;
    }

    private async Task MarkNonResponsiveAsync(Host host, string error, CancellationToken ct)
    {
        if (host.Status != HostStatus.NonResponsive)
        {
            LogHostNotResponding(host.Name, error);
            await hosts.UpdateAsync(host with { Status = HostStatus.NonResponsive }, ct);
            await audit.AddAsync(MonitoringEvents.HostNonResponsive(host), ct);
        }

        foreach (var vm in await vms.ListByHostAsync(host.Id, ct))
        {
            var lost = await vms.ChangeAsync(vm.Id, v =>
                locks.IsHeld(v.Id) || v.RunOnHostId != host.Id || v.Status is VmStatus.Down or VmStatus.Unknown
                    ? null
                    : v with { Status = VmStatus.Unknown, GuestCpuCount = -1 }, ct);
            if (lost is not null)
            {
                await audit.AddAsync(MonitoringEvents.VmSetToUnknown(lost, host), ct);
            }
        }
    }

    /// <summary>Tells the host to forget a VM that went down (VDSM keeps a Down VM until the engine destroys it).</summary>
    private async Task ReleaseAsync(IAgentClient agent, Guid vmId, bool listed, CancellationToken ct)
    {
        if (!listed)
        {
            return;
        }

        try
        {
            await agent.DestroyAsync(vmId.ToString(), ct);
        }
        catch (AgentException e)
        {
            LogReleaseFailed(vmId, e.Message);
        }
    }
}
