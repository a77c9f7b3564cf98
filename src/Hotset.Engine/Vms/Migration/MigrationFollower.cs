using Hotset.Core.Agent;
using Hotset.Core.Vms;
using Hotset.Engine.Audit;
using Hotset.Engine.Hosts;
using Hotset.Engine.Hosts.Agents;
using Hotset.Engine.Vms.Commands;
using Microsoft.Extensions.Options;

namespace Hotset.Engine.Vms.Migration;

/// <summary>
/// Follows a started migration to its end through <c>VM.migrateStatus</c> on the source (VDSM's engine does the
/// same), then records it: completed → the VM Up on the destination with the destination's counts, the source's
/// Down record released (event 63); failed or cancelled → the destination cleaned up, the VM Up on the source
/// (event 65 with the reason). A migration that stays in QEMU's setup phase past twice
/// <see cref="MigrationOptions.SetupTimeout"/> (the source agent cancels it at once) is cancelled by the engine.
/// </summary>
public sealed partial class MigrationFollower(IVmStore vms, IHostAgents agents, IAuditLog audit, MigrationTracker tracker,
    IOptions<MigrationOptions> options, TimeProvider time, ILogger<MigrationFollower> logger)
{
    private static readonly TimeSpan DestinationUpWait = TimeSpan.FromSeconds(10);

    /// <summary>Follows <paramref name="migration"/> in the background; disposes <paramref name="follow"/> at its end.</summary>
    public void Start(RunningMigration migration, IDisposable follow) =>
        _ = Task.Run(() => FollowAsync(migration, follow));

    private async Task FollowAsync(RunningMigration migration, IDisposable follow)
    {
        using var correlation = AgentCorrelation.Begin(migration.Caller.CorrelationId);
        try
        {
            var end = await WatchAsync(migration);
            if (end.Status == MigrationStatus.Completed)
            {
                await CompleteAsync(migration, end);
            }
            else
            {
                await FailAsync(migration, ReasonOf(migration, end));
            }
        }
        catch (Exception e)
        {
            // The one catch site of this background flow: a bug must not leave the VM MigratingFrom for ever.
            LogFollowFailed(e, migration.VmId);
            await FailAsync(migration, "the engine lost track of it; see the engine's log");
        }
        finally
        {
            follow.Dispose();
            tracker.Remove(migration);
            migration.End();
        }
    }

    private async Task<MigrationStatus> WatchAsync(RunningMigration migration)
    {
        var o = options.Value;
        var source = agents.For(migration.Source);
        var vmId = migration.VmId.ToString();
        var cancelSent = false;
        while (true)
        {
            await Task.Delay(o.PollInterval, time);
            var elapsed = time.GetUtcNow() - migration.StartedAt;
            MigrationStatus status;
            try
            {
                status = await source.MigrateStatusAsync(vmId, CancellationToken.None);
            }
            catch (AgentException e) when (e.Code is AgentErrorCodes.NoSuchVm or AgentErrorCodes.VmIsDown)
            {
                return Ended(vmId, MigrationStatus.Failed, $"the VM is no longer running on host {migration.Source.Name}");
            }
            catch (AgentException e) when (elapsed < o.Timeout + o.SetupTimeout)
            {
                LogStatusFailed(migration.VmId, migration.Source.Name, e.Message);
                continue;
            }
            catch (AgentException e)
            {
                return Ended(vmId, MigrationStatus.Failed, $"host {migration.Source.Name} did not report it: {e.Message}");
            }

            if (status.Finished)
            {
                return status;
            }

            if (status.Status == MigrationStatus.None)
            {
                return Ended(vmId, MigrationStatus.Failed, $"host {migration.Source.Name} no longer knows of it");
            }

            var stuck = status.Status == MigrationStatus.Setup && elapsed > 2 * o.SetupTimeout;
            if (!cancelSent && (stuck || elapsed > o.Timeout + 2 * o.SetupTimeout))
            {
                cancelSent = true;
                migration.CancelledBy ??= stuck ? "the engine (stuck in setup)" : "the engine (timed out)";
                await TryCancelAsync(migration);
            }
        }
    }

    private async Task TryCancelAsync(RunningMigration migration)
    {
        try
        {
            await agents.For(migration.Source).MigrateCancelAsync(migration.VmId.ToString(), CancellationToken.None);
        }
        catch (AgentException e)
        {
            LogStatusFailed(migration.VmId, migration.Source.Name, e.Message);
        }
    }

    // The source reports completed once the destination has loaded the VM; the destination turns Up a moment later
    // (it resumes the guest and applies the pins). Its counts are taken once it is Up, or as they are after a while.
    private async Task<VmStats?> DestinationStatsAsync(RunningMigration migration)
    {
        var destination = agents.For(migration.Destination);
        var vmId = migration.VmId.ToString();
        var waited = TimeSpan.Zero;
        VmStats? stats = null;
        while (true)
        {
            try
            {
                stats = await destination.GetStatsAsync(vmId, CancellationToken.None);
            }
            catch (AgentException e)
            {
                LogStatusFailed(migration.VmId, migration.Destination.Name, e.Message);
            }

            if (stats?.Status != AgentVmStatus.MigrationDestination || waited >= DestinationUpWait)
            {
                return stats;
            }

            await Task.Delay(options.Value.PollInterval, time);
            waited += options.Value.PollInterval;
        }
    }

    private async Task CompleteAsync(RunningMigration migration, MigrationStatus end)
    {
        var (source, destination) = (migration.Source, migration.Destination);
        var stats = await DestinationStatsAsync(migration);

        // The move and event 63 are one write: whoever sees the VM on its destination also finds the event.
        var moved = await vms.ChangeReportedAsync(migration.VmId, v => v.Status == VmStatus.MigratingFrom && v.RunOnHostId == source.Id
            ? v with
            {
                Status = VmStatus.Up,
                RunOnHostId = destination.Id,
                VcpuCount = stats?.VcpuCount ?? -1,
                GuestCpuCount = stats?.GuestCpuCount ?? -1,
            }
            : null,
            v => MigrationEvents.Done(v, migration.Caller, source, destination,
                time.GetUtcNow() - migration.StartedAt, end.TotalTimeMs, end.DowntimeMs),
            CancellationToken.None);
        await ReleaseAsync(migration.Source, migration.VmId);
        if (moved is null)
        {
            // Stopped while it moved: the copy that now runs on the destination is nobody's.
            await ReleaseAsync(destination, migration.VmId);
            await LogFailedAsync(migration, "the VM was stopped during the migration");
        }
    }

    /// <summary>Cleans the destination up, puts the VM back Up on its source and logs event 65 with <paramref name="reason"/>.</summary>
    internal async Task FailAsync(RunningMigration migration, string reason)
    {
        await ReleaseAsync(migration.Destination, migration.VmId);
        var restored = await vms.ChangeAsync(migration.VmId, v => v.Status == VmStatus.MigratingFrom
            ? v with { Status = VmStatus.Up }
            : null, CancellationToken.None);
        var stored = restored ?? await vms.GetAsync(migration.VmId, CancellationToken.None);
        await LogFailedAsync(migration, stored?.Status == VmStatus.Down && restored is null
            ? $"the VM was stopped during the migration ({reason})"
            : reason);
    }

    private async Task LogFailedAsync(RunningMigration migration, string reason)
    {
        if (await vms.GetAsync(migration.VmId, CancellationToken.None) is { } vm)
        {
            await audit.AddAsync(MigrationEvents.Failed(vm, migration.Caller, migration.Source, reason), CancellationToken.None);
        }
    }

    /// <summary>Tells a host to forget the VM (the source's Down record, or the destination's copy); absent is fine.</summary>
    private async Task ReleaseAsync(Hosts.Host host, Guid vmId)
    {
        try
        {
            await agents.For(host).DestroyAsync(vmId.ToString(), CancellationToken.None);
        }
        catch (AgentException e) when (e.Code is AgentErrorCodes.NoSuchVm or AgentErrorCodes.VmIsDown)
        {
            // Already gone.
        }
        catch (AgentException e)
        {
            LogReleaseFailed(vmId, host.Name, e.Message);
        }
    }

    private static string ReasonOf(RunningMigration migration, MigrationStatus end)
    {
        var message = string.IsNullOrWhiteSpace(end.Message) ? end.Status : end.Message.Trim().TrimEnd('.');
        return migration.CancelledBy is { } who ? $"it was cancelled by {who} ({message})" : message;
    }

    private static MigrationStatus Ended(string vmId, string status, string message) =>
        new() { VmId = vmId, Status = status, Message = message, Finished = true };

    [LoggerMessage(EventId = 2201, Level = LogLevel.Error, Message = "VM {VmId}: following its migration failed")]
    private partial void LogFollowFailed(Exception e, Guid vmId);

    [LoggerMessage(EventId = 2202, Level = LogLevel.Information, Message = "VM {VmId}: host {HostName} did not answer about the migration: {Error}")]
    private partial void LogStatusFailed(Guid vmId, string hostName, string error);

    [LoggerMessage(EventId = 2203, Level = LogLevel.Information, Message = "VM {VmId}: host {HostName} could not release it after the migration: {Error}")]
    private partial void LogReleaseFailed(Guid vmId, string hostName, string error);
}
