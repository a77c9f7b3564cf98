using Hotset.Agent.Hypervisor.Qmp;

namespace Hotset.Agent.Hypervisor.Qemu;

/// <summary>
/// The QEMU process of one VM: the power button, destroy, and an exit watch on the QMP connection (QEMU exits → its
/// end of the socket closes → the PID goes; true for a re-attached QEMU too). <see cref="ReleaseAsync"/> lets go of
/// QMP and waits for the watch to end; QEMU keeps running.
/// </summary>
internal sealed partial class QemuLifetime : IDomainLifetime
{
    private readonly QemuMonitor _monitor;
    private readonly string _vmId;
    private readonly QemuRunFiles _files;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly TaskCompletionSource<string> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _watch;
    private volatile bool _released;

    public QemuLifetime(QemuMonitor monitor, string vmId, QemuRunFiles files, int pid, TimeProvider time, ILogger logger)
    {
        (_monitor, _vmId, _files, ProcessId, _time, _logger) = (monitor, vmId, files, pid, time, logger);
        _watch = WatchExitAsync();
    }

    public int ProcessId { get; }

    public Task<string> Exited => _exited.Task;

    public async Task ShutdownAsync(CancellationToken ct) => await _monitor.ExecuteAsync("system_powerdown", null, ct);

    public async Task DestroyAsync(CancellationToken ct)
    {
        _released = true;
        try
        {
            await _monitor.Qmp.ExecuteAsync("quit", null, ct);
        }
        catch (QmpException)
        {
            // QEMU is exiting or gone already; the kill below makes sure.
        }

        if (!await QemuProcess.WaitForExitAsync(ProcessId, TimeSpan.FromSeconds(3), _time, ct))
        {
            QemuProcess.Kill(ProcessId);
            await QemuProcess.WaitForExitAsync(ProcessId, TimeSpan.FromSeconds(5), _time, ct);
        }

        await ReleaseAsync();
        DeleteRuntimeFiles();
        _exited.TrySetResult(VmExit.Destroyed);
        LogDestroyed(_logger, _vmId, ProcessId);
    }

    /// <summary>Closes the QMP connection and returns once the exit watch has ended.</summary>
    public async Task ReleaseAsync()
    {
        _released = true;
        await _monitor.DisposeAsync();
        await _watch;
    }

    private async Task WatchExitAsync()
    {
        using var events = _monitor.Qmp.Subscribe();
        string? shutdown = null;
        try
        {
            while (true)
            {
                var e = await events.ReadAsync(CancellationToken.None);
                if (e.Name == "SHUTDOWN")
                {
                    shutdown = e.GetString("reason");
                }
            }
        }
        catch (QmpException)
        {
            // The QMP connection closed: QEMU exited, or the agent let go of it.
        }

        if (_released)
        {
            return;
        }

        var gone = await QemuProcess.WaitForExitAsync(ProcessId, TimeSpan.FromSeconds(10), _time, CancellationToken.None);
        var message = gone
            ? QemuExitMessage.For(shutdown, _files.ConsoleLog)
            : $"The QMP connection to QEMU (pid {ProcessId}) was lost while QEMU still runs; destroy the VM to stop it.";
        LogExited(_logger, _vmId, ProcessId, message);
        _exited.TrySetResult(message);
    }

    private void DeleteRuntimeFiles()
    {
        foreach (var file in _files.RuntimeFiles)
        {
            try
            {
                File.Delete(file);
            }
            catch (DirectoryNotFoundException)
            {
                // The run directory is gone already.
            }
        }
    }

    [LoggerMessage(EventId = 3303, Level = LogLevel.Information, Message = "VM {VmId}: QEMU (pid {Pid}) exited: {Message}")]
    private static partial void LogExited(ILogger logger, string vmId, int pid, string message);

    [LoggerMessage(EventId = 3304, Level = LogLevel.Information, Message = "VM {VmId}: QEMU (pid {Pid}) destroyed")]
    private static partial void LogDestroyed(ILogger logger, string vmId, int pid);
}
