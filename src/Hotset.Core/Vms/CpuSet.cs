using System.Globalization;
using System.Text;

namespace Hotset.Core.Vms;

/// <summary>
/// Host CPU sets in libvirt's <c>cpuset</c> syntax as oVirt pinning uses it: comma-separated ids and ranges
/// (<c>0-3</c>), with <c>^n</c> (or <c>^a-b</c>) removing CPUs from what the other items add: <c>0-3,^2</c> = {0, 1, 3}.
/// </summary>
public static class CpuSet
{
    /// <summary>
    /// Highest CPU id accepted: Linux numbers CPUs below its largest <c>NR_CPUS</c> (8192 on x86_64 and ppc64,
    /// <c>CONFIG_MAXSMP</c>), so a larger id cannot name a host CPU, and a range cannot blow up to millions of CPUs.
    /// </summary>
    public const int MaxCpuId = 8191;

    /// <summary>Most items (ids, ranges, exclusions) in one set: one per CPU Linux can number.</summary>
    public const int MaxItems = MaxCpuId + 1;

    public static bool TryParse(string text, out IReadOnlySet<int> cpus) => TryParse(text, out cpus, out _);

    /// <summary>
    /// Parses <paramref name="text"/> in time linear in its length (ranges are not expanded one by one); on failure
    /// <paramref name="error"/> says what is wrong. The set is never empty.
    /// </summary>
    public static bool TryParse(string text, out IReadOnlySet<int> cpus, out string error)
    {
        text ??= "";
        cpus = new SortedSet<int>();
        var ranges = new List<(int First, int Last, bool Exclude)>();
        var highest = -1;
        foreach (var part in text.AsSpan().Split(','))
        {
            if (ranges.Count == MaxItems)
            {
                error = $"CPU set '{Shorten(text)}' has more than {MaxItems} items; Linux numbers at most {MaxItems} CPUs.";
                return false;
            }

            var item = text.AsSpan(part).Trim();
            var exclude = item.StartsWith('^');
            if (!TryParseRange(exclude ? item[1..] : item, out var first, out var last))
            {
                error = Math.Max(first, last) > MaxCpuId
                    ? $"'{Shorten(item.ToString())}' in CPU set '{Shorten(text)}' names a CPU above {MaxCpuId}, the highest id Linux gives a CPU."
                    : $"'{Shorten(item.ToString())}' in CPU set '{Shorten(text)}' is not a CPU id (0, 1 …), a range (0-3) or an exclusion (^2).";
                return false;
            }

            ranges.Add((first, last, exclude));
            highest = Math.Max(highest, last);
        }

        // Counts per CPU of covering added and excluded ranges, as differences: one pass over ranges, one over CPUs.
        var added = new int[highest + 2];
        var excluded = new int[highest + 2];
        foreach (var (first, last, exclude) in ranges)
        {
            var counts = exclude ? excluded : added;
            counts[first]++;
            counts[last + 1]--;
        }

        var result = new List<int>();
        for (int cpu = 0, inAdded = 0, inExcluded = 0; cpu <= highest; cpu++)
        {
            inAdded += added[cpu];
            inExcluded += excluded[cpu];
            if (inAdded > 0 && inExcluded == 0)
            {
                result.Add(cpu);
            }
        }

        if (result.Count == 0)
        {
            error = $"CPU set '{Shorten(text)}' leaves no CPU.";
            return false;
        }

        cpus = new SortedSet<int>(result);
        error = "";
        return true;
    }

    /// <summary>Canonical form: ascending, runs of three or more as ranges (<c>0-3,5,6</c>).</summary>
    public static string Format(IEnumerable<int> cpus)
    {
        var sorted = cpus.Distinct().Order().ToList();
        var text = new StringBuilder();
        for (var i = 0; i < sorted.Count;)
        {
            var j = i;
            while (j + 1 < sorted.Count && sorted[j + 1] == sorted[j] + 1)
            {
                j++;
            }

            if (text.Length > 0)
            {
                text.Append(',');
            }

            if (j - i >= 2)
            {
                text.Append(CultureInfo.InvariantCulture, $"{sorted[i]}-{sorted[j]}");
                i = j + 1;
            }
            else
            {
                text.Append(sorted[i].ToString(CultureInfo.InvariantCulture));
                i++;
            }
        }

        return text.ToString();
    }

    private static bool TryParseRange(ReadOnlySpan<char> item, out int first, out int last)
    {
        var dash = item.IndexOf('-');
        var firstOk = TryParseId(dash < 0 ? item : item[..dash], out first);
        last = first;
        var lastOk = dash < 0 ? firstOk : TryParseId(item[(dash + 1)..], out last);
        return firstOk && lastOk && first <= last;
    }

    /// <summary>A CPU id (also a vCPU index in pinning): digits only, at most <see cref="MaxCpuId"/>.</summary>
    internal static bool TryParseId(string text, out int id) => TryParseId(text.AsSpan(), out id);

    // A too-large id comes back in id (int.MaxValue past int's range), so the caller can tell it from a typo.
    private static bool TryParseId(ReadOnlySpan<char> text, out int id)
    {
        var digits = text.Trim();
        if (digits.Length is 0 || digits.ContainsAnyExceptInRange('0', '9'))
        {
            id = -1;
            return false;
        }

        if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out id))
        {
            id = int.MaxValue;
        }

        return id <= MaxCpuId;
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "…";
}
