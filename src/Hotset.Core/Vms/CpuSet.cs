using System.Globalization;
using System.Text;

namespace Hotset.Core.Vms;

/// <summary>
/// Host CPU sets in libvirt's <c>cpuset</c> syntax as oVirt pinning uses it: comma-separated ids and ranges
/// (<c>0-3</c>), with <c>^n</c> (or <c>^a-b</c>) removing CPUs from what the other items add: <c>0-3,^2</c> = {0, 1, 3}.
/// </summary>
public static class CpuSet
{
    public static bool TryParse(string text, out IReadOnlySet<int> cpus) => TryParse(text, out cpus, out _);

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> says what is wrong. The set is never empty.</summary>
    public static bool TryParse(string text, out IReadOnlySet<int> cpus, out string error)
    {
        var added = new SortedSet<int>();
        var removed = new HashSet<int>();
        cpus = added;
        foreach (var raw in (text ?? "").Split(','))
        {
            var item = raw.Trim();
            var exclude = item.StartsWith('^');
            if (!TryParseRange(exclude ? item[1..] : item, out var first, out var last))
            {
                error = $"'{item}' in CPU set '{text}' is not a CPU id (0, 1 …), a range (0-3) or an exclusion (^2).";
                return false;
            }

            for (var cpu = first; cpu <= last; cpu++)
            {
                (exclude ? removed : (ISet<int>)added).Add(cpu);
            }
        }

        added.ExceptWith(removed);
        if (added.Count == 0)
        {
            error = $"CPU set '{text}' leaves no CPU.";
            return false;
        }

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

    private static bool TryParseRange(string item, out int first, out int last)
    {
        var dash = item.IndexOf('-', StringComparison.Ordinal);
        first = last = 0;
        return dash < 0
            ? TryParseId(item, out first) && TryParseId(item, out last)
            : TryParseId(item[..dash], out first) && TryParseId(item[(dash + 1)..], out last) && first <= last
                && last - first < MaxRange;
    }

    /// <summary>Bounds a range so a typo such as <c>0-99999999</c> cannot exhaust memory.</summary>
    private const int MaxRange = 65536;

    internal static bool TryParseId(string text, out int id) =>
        int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out id) && id < MaxRange;
}
