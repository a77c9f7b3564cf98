using System.Globalization;
using Hotset.Agent.Hypervisor.Qmp;

namespace Hotset.Agent.Hypervisor.Qemu;

public sealed partial class QemuDomain
{
    // QEMU exits → its end of the QMP socket closes → the PID goes: true for a re-attached QEMU too.
    private async Task WatchExitAsync()
    {
        using var events = _qmp.Subscribe();
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
            // The QMP connection closed: QEMU exited, or this object let go of it.
        }

        if (_released)
        {
            return;
        }

        var gone = await QemuProcess.WaitForExitAsync(ProcessId, TimeSpan.FromSeconds(10), _time, CancellationToken.None);
        var message = gone
            ? ExitMessage(shutdown)
            : $"The QMP connection to QEMU (pid {ProcessId}) was lost while QEMU still runs; destroy the VM to stop it.";
        LogExited(_logger, _vm.VmId, ProcessId, message);
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

    private string ExitMessage(string? shutdownReason)
    {
        var why = shutdownReason switch
        {
            "guest-shutdown" => "the guest powered off",
            "host-qmp-quit" => "QEMU was told to quit",
            "guest-panic" => "the guest kernel panicked",
            null => "QEMU exited unexpectedly",
            _ => $"QEMU stopped ({shutdownReason})",
        };
        var tail = ConsoleTail(5);
        return tail.Length == 0 ? $"{Capitalize(why)}." : $"{Capitalize(why)}. Last console lines: {tail}";
    }

    private string ConsoleTail(int lines)
    {
        try
        {
            var text = File.ReadLines(_files.ConsoleLog).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('\u001b')).TakeLast(lines);
            return string.Join(" | ", text);
        }
        catch (IOException)
        {
            return "";
        }
    }

    private static string Capitalize(string s) => string.Concat(s[..1].ToUpper(CultureInfo.InvariantCulture), s[1..]);
}
