using Hotset.Agent.Hypervisor;

namespace Hotset.Agent.Vms;

/// <summary>
/// The owner of the agent's VM lifetime. At start, before the first call is served: finds every VM recorded in the
/// state directory and re-attaches to its QEMU (a VM whose QEMU is gone is reported Down with the reason until
/// <c>VM.destroy</c>). At stop, once the server has stopped serving calls: ends and awaits every background loop
/// (shutdown watchdogs, exit watches) and lets go of every QEMU connection; QEMU keeps running for the next start.
/// </summary>
internal sealed partial class VmLifetimeService(
    VmStateStore store, VmRegistry registry, ShutdownWatchdog watchdog, IHypervisor hypervisor, ILogger<VmLifetimeService> logger)
    : IHostedLifecycleService
{
    private readonly Lock _stopLock = new();
    private Task? _stopped;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var record in await store.LoadAllAsync(cancellationToken))
        {
            var vm = new RunningVm(record.Definition);
            if (!registry.TryAdd(vm))
            {
                continue;
            }

            if (record.ExitMessage is { } exitMessage)
            {
                vm.MarkDown(exitMessage);
                LogStillDown(vm.VmId, exitMessage);
                continue;
            }

            IDomain? domain;
            try
            {
                domain = await hypervisor.AttachAsync(record.Definition, store.RunDirectory(vm.VmId), cancellationToken);
                if (domain is not null)
                {
                    // The record keeps the count the VM was created with; hot sets since then are QEMU's to tell.
                    vm.Definition = vm.Definition with { NumberOfCpus = await domain.Vcpus.GetVcpuCountAsync(cancellationToken) };
                }
            }
            catch (HypervisorException e)
            {
                // Not recorded: QEMU may still run, and the next start may reach it.
                vm.MarkDown($"The agent could not re-attach to QEMU at start: {e.Message}");
                LogAttachFailed(vm.VmId, e.Message);
                continue;
            }

            if (domain is null)
            {
                await registry.MarkDownAsync(vm, "QEMU was no longer running when the agent started.", cancellationToken);
                continue;
            }

            registry.Attach(vm, domain);
            LogReattached(vm.VmId, domain.Lifetime.ProcessId);
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// The stop phase, after every other hosted service (the server included) has stopped. The host may be stopped
    /// twice at once (a test host and the app's own <c>Run</c>): both callers wait for the same, complete stop.
    /// </summary>
    public Task StoppedAsync(CancellationToken cancellationToken)
    {
        lock (_stopLock)
        {
            return _stopped ??= StopVmsAsync();
        }
    }

    private async Task StopVmsAsync()
    {
        await watchdog.StopAsync();
        await registry.StopAsync();
        LogStopped(registry.All.Count);
    }

    [LoggerMessage(EventId = 403, Level = LogLevel.Information, Message = "Re-attached to VM {VmId} (QEMU pid {ProcessId})")]
    private partial void LogReattached(string vmId, int processId);

    [LoggerMessage(EventId = 404, Level = LogLevel.Information, Message = "VM {VmId} is still Down: {ExitMessage}")]
    private partial void LogStillDown(string vmId, string exitMessage);

    [LoggerMessage(EventId = 409, Level = LogLevel.Information, Message = "Stopped: let go of the QEMU of {Count} VMs, which keep running")]
    private partial void LogStopped(int count);

    [LoggerMessage(EventId = 405, Level = LogLevel.Error, Message = "Could not re-attach to VM {VmId}: {Reason}")]
    private partial void LogAttachFailed(string vmId, string reason);
}
