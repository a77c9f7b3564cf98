using Hotset.Agent.Hypervisor.Libvirt.Native;
using Hotset.Agent.Hypervisor.Qemu;

namespace Hotset.Agent.Hypervisor.Libvirt;

/// <summary>
/// The QEMU libvirt runs for one VM: the power button (<c>virDomainShutdownFlags</c>, ACPI), destroy (destroy and
/// undefine) and its end. The end is seen on QEMU's PID (true across a libvirtd restart, when events are lost); the
/// reason comes from libvirt's lifecycle event when one arrived.
/// </summary>
internal sealed partial class LibvirtLifetime : IDomainLifetime
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);
    private readonly LibvirtDomainRef _domain;
    private readonly string _vmId;
    private readonly LibvirtRunFiles _files;
    private readonly ILogger _logger;
    private readonly TaskCompletionSource<string> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _release = new();
    private readonly IDisposable _watch;
    private readonly Task _exitWatch;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _removed = new();
    private volatile DomainEvent? _stopped;
    private volatile bool _guestShutdown;

    public LibvirtLifetime(LibvirtDomainRef domain, string vmId, LibvirtRunFiles files, int pid, ILogger logger)
    {
        (_domain, _vmId, _files, ProcessId, _logger) = (domain, vmId, files, pid, logger);
        _watch = LibvirtEvents.Watch(domain.Name, OnEvent);
        _exitWatch = WatchExitAsync();
    }

    public int ProcessId { get; }

    public Task<string> Exited => _exited.Task;

    /// <summary>vCPU aliases libvirt reported removed (<c>VIR_DOMAIN_EVENT_ID_DEVICE_REMOVED</c>), newest last.</summary>
    public IReadOnlyList<string> RemovedDevices => [.. _removed];

    public async Task ShutdownAsync(CancellationToken ct)
    {
        try
        {
            await _domain.CallAsync(d => LibvirtNative.DomainShutdownFlags(d, LibvirtNative.ShutdownAcpiPowerButton) < 0
                ? throw LibvirtError.Exception("libvirt refused the power button")
                : 0, ct);
        }
        catch (LibvirtCallException e)
        {
            throw new HypervisorException($"VM '{_domain.Name}': {e.Message}", e);
        }
    }

    public async Task DestroyAsync(CancellationToken ct)
    {
        _exited.TrySetResult(VmExit.Destroyed);
        await ((Task)_domain.CallAsync(d =>
        {
            // Gone already is fine: destroy is idempotent for the caller.
            LibvirtNative.DomainDestroy(d);
            LibvirtNative.DomainUndefine(d);
            return 0;
        }, ct)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (!await QemuProcess.WaitForExitAsync(ProcessId, TimeSpan.FromSeconds(5), TimeProvider.System, ct))
        {
            QemuProcess.Kill(ProcessId);
        }

        await ReleaseAsync();
        File.Delete(_files.CreatedVcpusFile);
        LogDestroyed(_logger, _vmId, _domain.Name);
    }

    /// <summary>Stops watching; the domain keeps running.</summary>
    public async Task ReleaseAsync()
    {
        _watch.Dispose();
        await _release.CancelAsync();
        await _exitWatch;
    }

    private void OnEvent(DomainEvent e)
    {
        var name = e.Lifecycle is { } lifecycle ? lifecycle.ToString() : "DeviceRemoved";
        LogEvent(_logger, _vmId, name, e.Detail, e.RemovedAlias);
        if (e.Lifecycle is LifecycleEvent.Stopped or LifecycleEvent.Crashed)
        {
            _stopped = e;
        }

        // The guest powered off (on its own or at the power button); libvirt then stops QEMU.
        if (e.Lifecycle == LifecycleEvent.Shutdown)
        {
            _guestShutdown = true;
        }

        if (e.RemovedAlias is { } alias)
        {
            _removed.Enqueue(alias);
        }
    }

    private async Task WatchExitAsync()
    {
        try
        {
            while (QemuProcess.IsAlive(ProcessId))
            {
                await Task.Delay(Poll, _release.Token);
            }

            // The lifecycle event that says why comes right around the exit (later on a busy host).
            for (var i = 0; i < 30 && _stopped is null; i++)
            {
                await Task.Delay(Poll, _release.Token);
            }
        }
        catch (OperationCanceledException)
        {
            return;
        }

        var message = Message(_stopped);
        if (_exited.TrySetResult(message))
        {
            LogExited(_logger, _vmId, ProcessId, message);
            await ((Task)_domain.CallAsync(d => LibvirtNative.DomainUndefine(d), CancellationToken.None))
                .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    // virDomainEventStoppedDetailType: 0 shutdown, 1 destroyed, 2 crashed, 3 migrated, 4 saved, 5 failed.
    private string Message(DomainEvent? stopped) => stopped switch
    {
        { Lifecycle: LifecycleEvent.Stopped, Detail: 0 } => QemuExitMessage.For("guest-shutdown", _files.ConsoleLog),
        null when _guestShutdown => QemuExitMessage.For("guest-shutdown", _files.ConsoleLog),
        { Lifecycle: LifecycleEvent.Stopped, Detail: 1 } => "QEMU was stopped through libvirt (virDomainDestroy) by someone other than the agent.",
        { Lifecycle: LifecycleEvent.Stopped, Detail: 2 } or { Lifecycle: LifecycleEvent.Crashed } => QemuExitMessage.For("guest-panic", _files.ConsoleLog),
        { Lifecycle: LifecycleEvent.Stopped, Detail: 5 } => QemuExitMessage.For("libvirt reports a failure", _files.ConsoleLog),
        _ => QemuExitMessage.For(null, _files.ConsoleLog),
    };

    [LoggerMessage(EventId = 3406, Level = LogLevel.Information, Message = "VM {VmId}: QEMU (pid {Pid}) under libvirt exited: {Message}")]
    private static partial void LogExited(ILogger logger, string vmId, int pid, string message);

    [LoggerMessage(EventId = 3411, Level = LogLevel.Debug, Message = "VM {VmId}: libvirt event {Event} detail {Detail} {Alias}")]
    private static partial void LogEvent(ILogger logger, string vmId, string @event, int detail, string? alias);

    [LoggerMessage(EventId = 3407, Level = LogLevel.Information, Message = "VM {VmId}: libvirt domain {Domain} destroyed and undefined")]
    private static partial void LogDestroyed(ILogger logger, string vmId, string domain);
}
