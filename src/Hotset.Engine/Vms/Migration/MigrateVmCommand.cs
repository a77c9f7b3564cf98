using Hotset.Core.Agent;
using Hotset.Core.Faults;
using Hotset.Core.Vms;
using Hotset.Engine.Audit;
using Hotset.Engine.Clusters;
using Hotset.Engine.Commands;
using Hotset.Engine.Hosts;
using Hotset.Engine.Hosts.Agents;
using Hotset.Engine.Vms.Commands;
using Microsoft.Extensions.Options;
using Host = Hotset.Engine.Hosts.Host;

namespace Hotset.Engine.Vms.Migration;

/// <summary>
/// oVirt MigrateVm: checks everything before anything starts (<see cref="MigrationTarget"/>), then, under the VM's
/// lock: the source's vCPU slots, the VM MigratingFrom (event 62), <c>VM.migrationCreate</c> on the destination and
/// <c>VM.migrate</c> on the source. Answers once the migration runs; <see cref="MigrationFollower"/> follows it to
/// its end without the lock, so a stop, a cancel or an update can come meanwhile.
/// </summary>
public sealed class MigrateVmCommand(IVmStore vms, IHostStore hosts, IClusterStore clusters, IHostAgents agents,
    IAuditLog audit, VmLocks locks, MigrationTracker tracker, MigrationFollower follower,
    IOptions<MigrationOptions> options, TimeProvider time)
{
    public async Task<CommandResult> RunAsync(MigrateVm request, CancellationToken ct)
    {
        using var lease = locks.TryAcquire(request.VmId);
        if (lease is null)
        {
            return CommandResult.Fail(VmActionFaults.Busy("migrate"));
        }

        using var correlation = AgentCorrelation.Begin(request.Caller.CorrelationId);
        var vm = await vms.GetAsync(request.VmId, ct);
        if (vm is null)
        {
            return CommandResult.Fail(VmFaults.VmNotFound(request.VmId));
        }

        if (vm.Status != VmStatus.Up)
        {
            return CommandResult.Fail(vm.Status == VmStatus.Down ? MigrationFaults.NotRunning(vm) : MigrationFaults.NotUp(vm));
        }

        var source = vm.RunOnHostId is { } sourceId ? await hosts.GetAsync(sourceId, ct) : null;
        if (source is null)
        {
            throw new InvalidOperationException($"VM {vm.Id} is Up but its host {vm.RunOnHostId} does not exist.");
        }

        var allHosts = await hosts.ListAsync(ct);
        var (requested, notFound) = Requested(request, allHosts);
        if (notFound is not null)
        {
            return CommandResult.Fail(notFound);
        }

        var cluster = await clusters.GetAsync(vm.ClusterId, ct)
            ?? throw new InvalidOperationException($"VM {vm.Id} belongs to cluster {vm.ClusterId}, which does not exist.");
        var placed = new List<Vm>();
        foreach (var host in allHosts.Where(h => h.ClusterId == cluster.Id))
        {
            placed.AddRange(await vms.ListByHostAsync(host.Id, ct));
        }

        var (destination, faults) = MigrationTarget.Choose(vm, source, requested, allHosts, cluster, placed);
        return destination is null ? CommandResult.Fail(faults) : await StartAsync(vm, source, destination, request.Caller);
    }

    private static (Host? Host, Fault? NotFound) Requested(MigrateVm request, IReadOnlyList<Host> hosts)
    {
        if (request.HostId is { } id)
        {
            return hosts.FirstOrDefault(h => h.Id == id) is { } byId ? (byId, null) : (null, MigrationFaults.HostNotFound($"with id {id}"));
        }

        if (!string.IsNullOrWhiteSpace(request.HostName))
        {
            var name = request.HostName.Trim();
            return hosts.FirstOrDefault(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)) is { } byName
                ? (byName, null)
                : (null, MigrationFaults.HostNotFound($"named '{name}'"));
        }

        return (null, null);
    }

    /// <summary>Once the hosts are asked, answers are recorded even if the caller went away (no caller token).</summary>
    private async Task<CommandResult> StartAsync(Vm vm, Host source, Host destination, Caller caller)
    {
        var sourceAgent = agents.For(source);
        VmStats stats;
        try
        {
            stats = await sourceAgent.GetStatsAsync(vm.Id.ToString(), CancellationToken.None);
        }
        catch (AgentException e)
        {
            return CommandResult.Fail(MigrationFaults.HostFailed(vm, source, e.Message));
        }

        var migration = new RunningMigration(vm.Id, source, destination, caller, time.GetUtcNow());
        if (!tracker.TryAdd(migration))
        {
            return CommandResult.Fail(VmActionFaults.Busy("migrate"));
        }

        var follow = locks.Follow(vm.Id);
        var handedOver = false;
        try
        {
            var migrating = await vms.ChangeAsync(vm.Id, v => v.Status == VmStatus.Up && v.RunOnHostId == source.Id
                ? v with { Status = VmStatus.MigratingFrom }
                : null, CancellationToken.None);
            if (migrating is null)
            {
                return CommandResult.Fail(MigrationFaults.NotUp(await vms.GetAsync(vm.Id, CancellationToken.None) ?? vm));
            }

            await audit.AddAsync(MigrationEvents.Started(migrating, caller, source, destination), CancellationToken.None);
            if (await SendAsync(migrating, stats, migration) is { } fault)
            {
                return CommandResult.Fail(fault);
            }

            follower.Start(migration, follow);
            handedOver = true;
            return CommandResult.Ok;
        }
        finally
        {
            if (!handedOver)
            {
                follow.Dispose();
                tracker.Remove(migration);
                migration.End();
            }
        }
    }

    /// <summary><c>VM.migrationCreate</c> then <c>VM.migrate</c>; on a failure, the VM is back Up on the source (event 65).</summary>
    private async Task<Fault?> SendAsync(Vm vm, VmStats stats, RunningMigration migration)
    {
        var (source, destination) = (migration.Source, migration.Destination);
        MigrationCreateResult created;
        try
        {
            var definition = VmDefinitions.For(vm, vm.StartedMaxVCpus);
            created = await agents.For(destination).MigrationCreateAsync(
                new MigrationCreateCall(vm.Id.ToString(), definition, stats.VcpuSlots.Count > 0 ? stats.VcpuSlots : null),
                CancellationToken.None);
        }
        catch (AgentException e)
        {
            await follower.FailAsync(migration, $"host {destination.Name} could not prepare to receive the VM: {e.Message}");
            return MigrationFaults.HostFailed(vm, destination, e.Message);
        }

        try
        {
            var o = options.Value;
            await agents.For(source).MigrateAsync(new MigrateCall(vm.Id.ToString(), created.IncomingUri,
                o.MaxBandwidthMiBps, o.SetupTimeout.TotalSeconds, o.Timeout.TotalSeconds), CancellationToken.None);
            return null;
        }
        catch (AgentException e)
        {
            await follower.FailAsync(migration, $"host {source.Name} did not start it: {e.Message}");
            return e.Code is AgentErrorCodes.MigrationFailed or AgentErrorCodes.MigrationInProgress or AgentErrorCodes.VmIsDown
                ? MigrationFaults.HostRefused(vm, source, $"{e.Message.TrimEnd('.')} (agent error {e.Code}).")
                : MigrationFaults.HostFailed(vm, source, e.Message);
        }
    }
}
