using Hotset.Agent.Hypervisor;
using Hotset.Core.Agent;

namespace Hotset.Agent.Vms;

/// <summary>
/// Follows a live migration to its end, on either host, by polling QEMU's <c>query-migrate</c>. Source: a migration
/// stuck in <c>setup</c> beyond its setup timeout, or running beyond its timeout, is cancelled (retrying is the
/// engine's decision); a completed one stops the source QEMU and leaves the VM Down ("Migration succeeded: …"); a
/// failed or cancelled one leaves the VM running here, resumed if QEMU held it paused. Destination: a completed
/// migration makes the VM a normal Up VM; a failed one makes QEMU exit, and the exit watch reports the VM Down until
/// the engine's <c>VM.destroy</c>.
/// </summary>
internal sealed partial class MigrationFollower(VmRegistry registry, VcpuPinning pinning, TimeProvider time, ILogger<MigrationFollower> logger)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan CancelGrace = TimeSpan.FromSeconds(10);

    public void FollowSource(RunningVm vm, IDomain domain, IDomainMigration migration, MigrationJob job, TimeSpan setupTimeout, TimeSpan timeout) =>
        registry.Follow(stopping => SourceAsync(vm, domain, migration, job, setupTimeout, timeout, stopping));

    public void FollowDestination(RunningVm vm, IDomain domain, IDomainMigration migration, MigrationJob job) =>
        registry.Follow(stopping => DestinationAsync(vm, domain, migration, job, stopping));

    private async Task SourceAsync(
        RunningVm vm, IDomain domain, IDomainMigration migration, MigrationJob job, TimeSpan setupTimeout, TimeSpan timeout, CancellationToken stopping)
    {
        var started = time.GetTimestamp();
        string? cancelledBecause = null;
        long cancelledAt = 0;
        try
        {
            while (true)
            {
                await Task.Delay(PollInterval, time, stopping);
                var now = await migration.QueryAsync(stopping);
                job.Update(now.Status, now.Percent, now.TotalTimeMs, now.DowntimeMs);
                var elapsed = time.GetElapsedTime(started);
                switch (now.Status)
                {
                    case MigrationStatus.Completed:
                        await CompleteSourceAsync(vm, domain, job, now);
                        return;
                    case MigrationStatus.Failed or MigrationStatus.Cancelled:
                        var why = now.Status == MigrationStatus.Cancelled
                            ? cancelledBecause ?? (job.CancelRequested ? "was cancelled (VM.migrateCancel)" : "was cancelled")
                            : $"failed: {now.Error ?? "QEMU gave no reason"}";
                        await KeepOnSourceAsync(vm, migration, job, now.Status, why);
                        return;
                    case MigrationStatus.Setup when cancelledBecause is null && elapsed > setupTimeout:
                        cancelledBecause = $"was stuck in QEMU's setup phase for more than {setupTimeout.TotalSeconds:0.#} s and was cancelled (retrying is the engine's decision)";
                        cancelledAt = time.GetTimestamp();
                        await CancelQuietlyAsync(migration, stopping);
                        break;
                    case not MigrationStatus.Setup when cancelledBecause is null && elapsed > timeout:
                        cancelledBecause = $"was not done within its timeout of {timeout.TotalSeconds:0.#} s and was cancelled";
                        cancelledAt = time.GetTimestamp();
                        await CancelQuietlyAsync(migration, stopping);
                        break;
                    case var _ when cancelledAt != 0 && time.GetElapsedTime(cancelledAt) > CancelGrace:
                        // Seen here: a migration stuck in setup can stay "cancelling" for good.
                        await KeepOnSourceAsync(vm, migration, job, MigrationStatus.Failed,
                            $"{cancelledBecause}, but QEMU still reports '{now.Status}' {CancelGrace.TotalSeconds:0} s later; a new migration of this QEMU may be refused");
                        return;
                }
            }
        }
        catch (HypervisorException e)
        {
            job.Finish(MigrationStatus.Failed, $"The migration failed: the source QEMU does not answer any more ({e.Message}).");
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            job.Finish(MigrationStatus.Failed, "The agent stopped while following the migration; QEMU may still be migrating.");
        }
        catch (Exception e)
        {
            LogFollowFailed(e, vm.VmId);
            job.Finish(MigrationStatus.Failed, $"The agent failed while following the migration: {e.Message}");
        }
    }

    private async Task CompleteSourceAsync(RunningVm vm, IDomain domain, MigrationJob job, MigrationProgress done)
    {
        using (await vm.EnterAsync(CancellationToken.None))
        {
            var message = $"{VmExit.MigratedAway} the VM runs on the destination ({job.IncomingUri}) now; total {done.TotalTimeMs} ms, downtime {done.DowntimeMs} ms.";
            if (vm.TryDetach(domain))
            {
                // The return path made "completed" mean the destination loaded the VM; it resumes it on its own.
                await domain.Lifetime.DestroyAsync(CancellationToken.None);
                await domain.DisposeAsync();
                job.Finish(MigrationStatus.Completed, message);
                await registry.MarkDownAsync(vm, message, CancellationToken.None);
            }
            else
            {
                job.Finish(MigrationStatus.Completed, message + " The VM was destroyed here meanwhile.");
            }
        }

        LogSourceDone(vm.VmId, job.IncomingUri, done.TotalTimeMs, done.DowntimeMs);
    }

    private async Task KeepOnSourceAsync(RunningVm vm, IDomainMigration migration, MigrationJob job, string status, string why)
    {
        var resumed = false;
        try
        {
            resumed = await migration.ResumeIfPausedAsync(CancellationToken.None);
        }
        catch (HypervisorException e)
        {
            LogResumeFailed(vm.VmId, e.Message);
        }

        var message = $"The migration {why}. The VM keeps running on this host{(resumed ? " (resumed with cont)" : "")}.";
        job.Finish(status, message);
        LogSourceKept(vm.VmId, message);
    }

    private static async Task CancelQuietlyAsync(IDomainMigration migration, CancellationToken ct)
    {
        try
        {
            await migration.CancelAsync(ct);
        }
        catch (HypervisorException)
        {
            // It ended meanwhile; the next query says how.
        }
    }

    private async Task DestinationAsync(RunningVm vm, IDomain domain, IDomainMigration migration, MigrationJob job, CancellationToken stopping)
    {
        try
        {
            while (true)
            {
                await Task.Delay(PollInterval, time, stopping);
                var now = await migration.QueryAsync(stopping);
                job.Update(now.Status is MigrationStatus.None ? MigrationStatus.Setup : now.Status, now.Percent, now.TotalTimeMs, now.DowntimeMs);
                if (now.Status == MigrationStatus.Completed)
                {
                    await UntilRunningAsync(migration, stopping);
                    await pinning.ApplyAsync(vm.Definition, domain.Vcpus, stopping);
                    job.Finish(MigrationStatus.Completed, "The VM was received and runs on this host now.");
                    LogDestinationDone(vm.VmId);
                    return;
                }

                if (now.Status == MigrationStatus.Failed)
                {
                    job.Finish(MigrationStatus.Failed, $"The incoming migration failed: {now.Error ?? "QEMU gave no reason"}.");
                    return;
                }
            }
        }
        catch (HypervisorException e)
        {
            // QEMU exits when the incoming migration fails (cancelled or broken stream): the exit watch reports the VM Down.
            job.Finish(MigrationStatus.Failed, $"The incoming migration failed: the destination QEMU ended ({e.Message}); destroy the VM here.");
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            job.Finish(MigrationStatus.Failed, "The agent stopped while waiting for the incoming migration.");
        }
        catch (Exception e)
        {
            LogFollowFailed(e, vm.VmId);
            job.Finish(MigrationStatus.Failed, $"The agent failed while following the incoming migration: {e.Message}");
        }
    }

    // QEMU runs the guest right after loading it (no -S); a guest still paused after that is resumed here.
    private async Task UntilRunningAsync(IDomainMigration migration, CancellationToken ct)
    {
        for (var i = 0; i < 50 && !await migration.IsRunningAsync(ct); i++)
        {
            await Task.Delay(PollInterval, time, ct);
        }

        await migration.ResumeIfPausedAsync(ct);
    }

    [LoggerMessage(EventId = 601, Level = LogLevel.Information, Message = "VM {VmId} migrated to {Uri}: total {TotalMs} ms, downtime {DowntimeMs} ms")]
    private partial void LogSourceDone(string vmId, string uri, long totalMs, long downtimeMs);

    [LoggerMessage(EventId = 602, Level = LogLevel.Warning, Message = "VM {VmId}: {Message}")]
    private partial void LogSourceKept(string vmId, string message);

    [LoggerMessage(EventId = 603, Level = LogLevel.Error, Message = "VM {VmId}: could not resume the guest after a failed migration: {Reason}")]
    private partial void LogResumeFailed(string vmId, string reason);

    [LoggerMessage(EventId = 604, Level = LogLevel.Information, Message = "VM {VmId} was received by migration and runs here")]
    private partial void LogDestinationDone(string vmId);

    [LoggerMessage(EventId = 605, Level = LogLevel.Error, Message = "Following the migration of VM {VmId} failed")]
    private partial void LogFollowFailed(Exception exception, string vmId);
}
