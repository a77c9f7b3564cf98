using System.Collections.Concurrent;
using Hotset.Agent.Faults;
using Hotset.Agent.Hypervisor;

namespace Hotset.Agent.Vms;

/// <summary>
/// The VMs this agent knows, Up or Down. Watches each QEMU: one that exits on its own makes its VM Down, with the
/// exit message, recorded in the state directory. <see cref="StopAsync"/> (the agent's stop phase) ends every watch,
/// waits for it, and lets go of the QMP connections, leaving every QEMU running for the next start to re-attach.
/// </summary>
internal sealed partial class VmRegistry(VmStateStore store, ILogger<VmRegistry> logger) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, RunningVm> _vms = new(StringComparer.Ordinal);
    private readonly BackgroundLoops _watches = new();
    private readonly Lock _stopLock = new();
    private Task? _stopped;

    public IReadOnlyList<RunningVm> All => [.. _vms.Values.OrderBy(v => v.VmId, StringComparer.Ordinal)];

    /// <summary>Adds the VM unless one with its id is known already.</summary>
    public bool TryAdd(RunningVm vm) => _vms.TryAdd(vm.VmId, vm);

    /// <summary>The VM, or the <c>NoSuchVM</c> (1) fault.</summary>
    public RunningVm Get(string vmId) =>
        _vms.TryGetValue(vmId, out var vm) ? vm : throw AgentFaultException.NoSuchVm(vmId);

    public void Remove(RunningVm vm) => _vms.TryRemove(KeyValuePair.Create(vm.VmId, vm));

    /// <summary>Marks the VM Up with <paramref name="domain"/> and watches its QEMU from now on.</summary>
    public void Attach(RunningVm vm, IDomain domain)
    {
        vm.MarkUp(domain);
        _watches.Run(stopping => WatchAsync(vm, domain, stopping));
    }

    /// <summary>Runs a background loop that follows one VM (a migration); it ends with the agent's stop like the exit watches.</summary>
    public void Follow(Func<CancellationToken, Task> loop) => _watches.Run(loop);

    /// <summary>Marks the VM Down and records why, so the next agent start reports it the same way.</summary>
    public async Task MarkDownAsync(RunningVm vm, string exitMessage, CancellationToken ct)
    {
        vm.MarkDown(exitMessage);
        await SaveAsync(vm, ct);
        LogDown(vm.VmId, exitMessage);
    }

    /// <summary>Records the VM as it is now (definition, and the exit message when Down) in the state directory.</summary>
    public async Task SaveAsync(RunningVm vm, CancellationToken ct)
    {
        await vm.RecordGate.WaitAsync(ct);
        try
        {
            var now = vm.Snapshot();
            await store.SaveAsync(new VmRecord(now.Definition, now.State == VmRunState.Down ? now.ExitMessage : null), ct);
        }
        finally
        {
            vm.RecordGate.Release();
        }
    }

    /// <summary>
    /// Ends every exit watch and waits for it, then lets go of every VM's QMP connection; QEMU keeps running.
    /// Every caller waits for the same stop, however many times it is called.
    /// </summary>
    public Task StopAsync()
    {
        lock (_stopLock)
        {
            return _stopped ??= StopCoreAsync();
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task StopCoreAsync()
    {
        await _watches.StopAsync();
        foreach (var vm in _vms.Values)
        {
            if (vm.Snapshot().Domain is { } domain)
            {
                await domain.DisposeAsync();
            }
        }
    }

    // The watcher is its own boundary (nobody awaits it but the stop): it logs what it cannot handle.
    private async Task WatchAsync(RunningVm vm, IDomain domain, CancellationToken stopping)
    {
        var exited = domain.Lifetime.Exited;
        await ((Task)exited).WaitAsync(stopping).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (stopping.IsCancellationRequested || !vm.TryDetach(domain))
        {
            return;
        }

        var message = exited.IsCompletedSuccessfully && exited.Result.Length > 0
            ? exited.Result
            : "QEMU exited without a message.";
        try
        {
            await MarkDownAsync(vm, message, CancellationToken.None);
            await domain.DisposeAsync();
        }
        catch (Exception e)
        {
            LogWatchFailed(e, vm.VmId);
        }
    }

    [LoggerMessage(EventId = 401, Level = LogLevel.Warning, Message = "VM {VmId} is Down: {ExitMessage}")]
    private partial void LogDown(string vmId, string exitMessage);

    [LoggerMessage(EventId = 402, Level = LogLevel.Error, Message = "Could not record that the QEMU of VM {VmId} exited")]
    private partial void LogWatchFailed(Exception exception, string vmId);
}
