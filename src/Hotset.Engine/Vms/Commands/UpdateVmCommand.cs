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
/// oVirt UpdateVm (SPEC §2–§3): under the VM's lock, validate the whole request (a fault changes nothing and logs
/// nothing), store the other fields in one short write, run the hot-set child step, log event 35 (after the
/// child's event, in its transaction). The CPU outcome never fails the update; it is returned in
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

        var cluster = await clusters.GetAsync(vm.ClusterId, ct)
            ?? throw new InvalidOperationException($"VM {vm.Id} belongs to cluster {vm.ClusterId}, which does not exist.");
        var limits = (await config.GetAsync(ct)).LimitsFor(cluster.Version, cluster.Architecture);
        var host = vm.RunOnHostId is { } hostId ? await hosts.GetAsync(hostId, ct) : null;
        var plan = UpdateVmPlan.Create(vm, request, limits, null, cluster.Version, cluster.Architecture);
        if (plan.Action == HotSetAction.HotPlug && host is not null)
        {
            // Only a plug needs the host's room, and the room needs every VM on the host: read them only then.
            plan = UpdateVmPlan.Create(vm, request, limits, await HostCapacityAsync(vm, host, cluster, ct),
                cluster.Version, cluster.Architecture);
        }

        if (plan.Faults.Count > 0)
        {
            return Failed([.. plan.Faults]);
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

        var outcome = plan.Action == HotSetAction.NextRun
            ? new HotSetOutcome(HotSetResult.NextRun, vm.Configuration.Topology.VCpus, plan.Requested.VCpus, null)
            : null;
        if (plan.IsHotSet)
        {
            // Event 35 goes with the child's own event, so both and the new sockets take one commit.
            (saved, outcome) = await hotSet.RunAsync(
                new HotSetNumberOfCpus(saved, cluster, plan.Action, plan.Requested, request.Caller)
                {
                    Host = host,
                    ParentEvents = [VmEvents.Updated(saved, request.Caller)],
                }, CancellationToken.None);
        }
        else
        {
            await audit.AddAsync(VmEvents.Updated(saved, request.Caller), CancellationToken.None);
        }

        return new UpdateVmOutcome(CommandResult.Ok, saved, outcome);
    }

    private async Task<HostCpuCapacity> HostCapacityAsync(Vm vm, Host host, Cluster cluster, CancellationToken ct)
    {
        var others = (await vms.ListByHostAsync(host.Id, ct)).Where(v => v.Id != vm.Id);
        return HostRoom.For(host, cluster, others);
    }

    private static UpdateVmOutcome Failed(params Core.Faults.Fault[] faults) =>
        new(CommandResult.Fail(faults), null, null);
}
