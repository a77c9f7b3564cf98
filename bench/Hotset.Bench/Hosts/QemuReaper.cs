using System.Diagnostics;
using System.Globalization;

namespace Hotset.Bench.Hosts;

/// <summary>
/// Last line of QEMU hygiene: kills every QEMU whose pid file lies under the harness's own agent state directory and
/// whose command line names that directory, so nothing the harness started outlives it.
/// </summary>
public static class QemuReaper
{
    public static int Reap(string agentStateDirectory)
    {
        var vms = Path.Combine(agentStateDirectory, "vms");
        if (!Directory.Exists(vms))
        {
            return 0;
        }

        var killed = 0;
        foreach (var pidFile in Directory.EnumerateFiles(vms, "qemu.pid", SearchOption.AllDirectories))
        {
            if (!int.TryParse(File.ReadAllText(pidFile).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid)
                || !IsOurs(pid, agentStateDirectory))
            {
                continue;
            }

            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill();
                process.WaitForExit(TimeSpan.FromSeconds(5));
                killed++;
            }
            catch (ArgumentException)
            {
                // Gone already.
            }
        }

        return killed;
    }

    private static bool IsOurs(int pid, string stateDirectory)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Contains(stateDirectory, StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
