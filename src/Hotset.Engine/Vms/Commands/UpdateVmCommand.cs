using Hotset.Core.Vms;
using Hotset.Engine.Audit;
using Hotset.Engine.Clusters;
using Hotset.Engine.Commands;
using Hotset.Engine.Hosts;
using Hotset.Engine.Hosts.Agents;
using Hotset.Engine.Persistence.Config;
using Host = Hotset.Engine.Hosts.Host;

namespace Hotset.Engine.Vms.Commands;

/// <summary>
/// oVirt UpdateVm (SPEC §2–§3): under the VM's lock, plan the whole request once (a fault changes nothing and logs
/// nothing), store the other fields in one short write, run the hot-set child step, then store what the child
/// returned with its event and event 35 in one commit. The CPU outcome never fails the update; it is returned in
/// <see cref="UpdateVmOutcome.HotSet"/>.
/// </summary>
public sealed class UpdateVmCommand(IVmStore vms, IClusterStore clusters, IHostStore hosts, IAuditLog audit,
    IEngineConfigProvider config, VmLocks locks, HotSetNumberOfCpusCommand hotSet)
{
    public async Task<UpdateVmOutcome> RunAsync(UpdateVm request, CancellationToken ct)
    {
        using var lease = locks.TryAcquire(request.VmId);
        if (lease is null)
        {
            return Failed(VmFaults.VmBeingUpdated(request.VmId.ToString()));
        }

        using var correlation = AgentCorrelation.Begin(request.Caller.CorrelationId);
        var vm = await vms.GetAsync(request.VmId, ct);
        if (vm is null)
        {
            return Failed(VmFaults.VmNotFound(request.VmId));
        }

        // The cluster, the host and the VMs pinned on it depend only on the VM: read them at once, so a hot set waits
        // for one database round trip here instead of three (under a burst each round trip waits for a core).
        var action = UpdateVmPlan.ActionOf(vm, request);
        var hostId = action is HotSetAction.HotPlug or HotSetAction.HotUnplug ? vm.RunOnHostId : null;
        var clusterRead = clusters.GetAsync(vm.ClusterId, ct);
        var hostRead = hostId is { } h ? hosts.GetAsync(h, ct) : Task.FromResult<Host?>(null);
        // Only a plug needs the host's room, and the room needs the VMs pinned exclusively on the host.
        var pinnedRead = action == HotSetAction.HotPlug && hostId is { } p
            ? vms.ListExclusivelyPinnedAsync(p, ct)
            : Task.FromResult<IReadOnlyList<Vm>>([]);
        await Task.WhenAll(clusterRead, hostRead, pinnedRead);
        var cluster = await clusterRead
            ?? throw new InvalidOperationException($"VM {vm.Id} belongs to cluster {vm.ClusterId}, which does not exist.");
        var host = await hostRead;
        var limits = (await config.GetAsync(ct)).LimitsFor(cluster.Version, cluster.Architecture);
        var room = action == HotSetAction.HotPlug && host is not null
            ? HostRoom.For(host, cluster, (await pinnedRead).Where(v => v.Id != vm.Id))
            : null;
        var plan = UpdateVmPlan.Create(vm, request, limits, room, cluster.Version, cluster.Architecture);
        if (plan.Faults.Count > 0)
        {
            return Failed([.. plan.Faults]);
        }

        if (plan.PendingNameToCheck is { } pendingName && await NameTakenAsync(vms, pendingName, vm.Id, ct))
        {
            return Failed(VmActionFaults.NameInUse(pendingName));
        }

        Vm saved;
        try
        {
            saved = await vms.ChangeFromAsync(vm, v => v with { Configuration = plan.Live, NextRun = plan.NextRun }, ct)
                ?? throw new ConcurrencyException($"VM {vm.Id} was removed while it was being updated.");
        }
        catch (DuplicateNameException)
        {
            return Failed(VmActionFaults.NameInUse(plan.Live.Name));
        }

        var updated = VmEvents.Updated(saved, request.Caller);
        if (!plan.IsHotSet)
        {
            await audit.AddAsync(updated, CancellationToken.None);
            var pending = plan.Action == HotSetAction.NextRun
                ? new HotSetOutcome(HotSetResult.NextRun, vm.Configuration.Topology.VCpus, plan.Requested.VCpus, null)
                : null;
            return new UpdateVmOutcome(CommandResult.Ok, saved, pending);
        }

        var step = await hotSet.RunAsync(
            new HotSetNumberOfCpus(saved, host, cluster, limits, plan.Action, plan.Requested, request.Caller),
            CancellationToken.None);
        // The child's change, its event and event 35 take one commit (or, with nothing to store, are logged in order).
        var stored = await vms.ChangeFromAsync(saved, step.Change ?? (_ => null), [step.Event, updated], audit,
            CancellationToken.None) ?? saved;
        return new UpdateVmOutcome(CommandResult.Ok, stored, step.Outcome);
    }

    /// <summary>Whether a VM other than <paramref name="vmId"/> is named <paramref name="name"/> now.</summary>
    internal static async Task<bool> NameTakenAsync(IVmStore vms, string name, Guid vmId, CancellationToken ct) =>
        (await vms.ListAsync(name, null, ct)).Any(v => v.Name == name && v.Id != vmId);

    private static UpdateVmOutcome Failed(params Core.Faults.Fault[] faults) =>
        new(CommandResult.Fail(faults), null, null);
}
