using System.Diagnostics;
using System.Globalization;

namespace Hotset.Agent.Hypervisor.Qemu;

/// <summary>A daemonized QEMU, known by PID only (it is not the agent's child): alive?, whose?, kill.</summary>
internal static class QemuProcess
{
    /// <summary>True while <paramref name="pid"/> runs (a zombie counts as exited).</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..].FirstOrDefault();
            return state is not ('Z' or 'X' or default(char));
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return true;
        }
    }

    /// <summary>True when <paramref name="pid"/> is a QEMU whose command line mentions <paramref name="text"/> (guards against PID reuse).</summary>
    public static bool CommandLineContains(int pid, string text)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Contains(text, StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>The number in a one-number file (QEMU's PID file, the lifetime vCPU count); null when missing or unreadable.</summary>
    public static int? ReadNumberFile(string path)
    {
        try
        {
            return int.TryParse(File.ReadAllText(path).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    public static void Kill(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill();
        }
        catch (ArgumentException)
        {
            // Already gone.
        }
        catch (InvalidOperationException)
        {
            // Exited meanwhile.
        }
    }

    /// <summary>Waits until <paramref name="pid"/> is gone; false when it still runs after <paramref name="timeout"/>.</summary>
    public static async Task<bool> WaitForExitAsync(int pid, TimeSpan timeout, TimeProvider time, CancellationToken ct)
    {
        var until = time.GetTimestamp() + (long)(timeout.TotalSeconds * time.TimestampFrequency);
        while (IsAlive(pid))
        {
            if (time.GetTimestamp() > until)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), time, ct);
        }

        return true;
    }
}
