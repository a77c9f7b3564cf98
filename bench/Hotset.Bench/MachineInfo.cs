using System.Globalization;

namespace Hotset.Bench;

/// <summary>What the figures were measured on: cores, accelerator, QEMU, and the load average before and after.</summary>
public sealed class MachineInfo
{
    private readonly string _loadBefore = LoadAverage();

    public string UtcDate { get; } = TimeProvider.System.GetUtcNow().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public string? QemuVersion { get; set; }

    public string Describe() =>
        $"{Environment.ProcessorCount} cores, {(File.Exists("/dev/kvm") ? "KVM available (agent configured for TCG)" : "no KVM, QEMU TCG")}, "
        + (QemuVersion is null ? "" : $"QEMU {QemuVersion}, ") + $".NET {Environment.Version}, load average (1 min) {_loadBefore} before and {LoadAverage()} after";

    /// <summary>The 1-minute load average from <c>/proc/loadavg</c>.</summary>
    public static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "?";
        }
    }
}
