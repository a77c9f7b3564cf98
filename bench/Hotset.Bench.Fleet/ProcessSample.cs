using System.Diagnostics;
using System.Globalization;

namespace Hotset.Bench.Fleet;

/// <summary>
/// A process's CPU time (user + system, from field 14 and 15 of <c>/proc/&lt;pid&gt;/stat</c>) and resident set (from
/// <c>/proc/&lt;pid&gt;/status</c>) at one moment; two samples give the CPU share over the window between them.
/// </summary>
public sealed record ProcessSample(TimeSpan Cpu, long RssBytes, long Timestamp)
{
    // USER_HZ: 100 on Linux x86-64 (sysconf(_SC_CLK_TCK)).
    private const double TicksPerSecond = 100;

    public static ProcessSample Of(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        var rssKb = File.ReadLines($"/proc/{pid}/status")
            .Where(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
            .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture))
            .FirstOrDefault();
        return new(TimeSpan.FromSeconds(ticks / TicksPerSecond), rssKb * 1024, Stopwatch.GetTimestamp());
    }

    /// <summary>CPU used between <paramref name="earlier"/> and this sample as a share of one core (1.0 = a whole core).</summary>
    public double CoreShareSince(ProcessSample earlier) =>
        (Cpu - earlier.Cpu).TotalSeconds / Stopwatch.GetElapsedTime(earlier.Timestamp, Timestamp).TotalSeconds;
}
