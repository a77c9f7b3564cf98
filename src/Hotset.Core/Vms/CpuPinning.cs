using System.Globalization;

namespace Hotset.Core.Vms;

/// <summary>
/// Manual CPU pinning in oVirt's engine string form: <c>vcpu#cpuset</c> items joined by <c>_</c>, e.g.
/// <c>0#1,2_1#3</c> pins vCPU 0 to host CPUs 1 and 2 and vCPU 1 to host CPU 3 (REST <c>cpu_tune/vcpu_pins</c>).
/// Equal when the same vCPUs are pinned to the same host CPUs.
/// </summary>
public sealed record CpuPinning(IReadOnlyDictionary<int, IReadOnlySet<int>> VcpuToHostCpus)
{
    public static CpuPinning Empty { get; } = new(new Dictionary<int, IReadOnlySet<int>>());

    /// <summary>
    /// Most (vCPU, host CPU) pairs one pinning may hold: far above any real VM (hundreds of vCPUs each on a few CPUs),
    /// low enough that a hostile string cannot fill memory with thousands of vCPUs pinned to thousands of CPUs each.
    /// </summary>
    public const int MaxPinnedPairs = 1 << 18;

    /// <summary>The highest pinned vCPU index, or -1 when nothing is pinned.</summary>
    public int MaxVcpu => VcpuToHostCpus.Count == 0 ? -1 : VcpuToHostCpus.Keys.Max();

    /// <summary>Parses the engine string form; throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static CpuPinning Parse(string text) =>
        TryParse(text, out var pinning, out var error) ? pinning : throw new FormatException(error);

    /// <summary>Parses the engine string form; empty or blank text is "no pinning".</summary>
    public static bool TryParse(string text, out CpuPinning pinning, out string error)
    {
        pinning = Empty;
        error = "";
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var pins = new SortedDictionary<int, IReadOnlySet<int>>();
        var pairs = 0;
        foreach (var item in text.Split('_'))
        {
            var parts = item.Split('#');
            if (parts.Length != 2 || !CpuSet.TryParseId(parts[0], out var vcpu))
            {
                error = $"'{item}' in CPU pinning '{text}' is not 'vcpu#cpus' (for example 0#1,2).";
                return false;
            }

            if (pins.ContainsKey(vcpu))
            {
                error = $"vCPU {vcpu} is pinned twice in CPU pinning '{text}'.";
                return false;
            }

            if (!CpuSet.TryParse(parts[1], out var cpus, out var setError))
            {
                error = setError;
                return false;
            }

            pairs += cpus.Count;
            if (pairs > MaxPinnedPairs)
            {
                error = $"CPU pinning pins more than {MaxPinnedPairs} (vCPU, host CPU) pairs; pin each vCPU to the few CPUs it needs.";
                return false;
            }

            pins[vcpu] = cpus;
        }

        pinning = new CpuPinning(pins);
        return true;
    }

    /// <summary>The engine string form, vCPUs ascending, CPU sets in <see cref="CpuSet.Format"/>'s canonical form.</summary>
    public override string ToString() => string.Join('_',
        VcpuToHostCpus.OrderBy(p => p.Key)
            .Select(p => p.Key.ToString(CultureInfo.InvariantCulture) + "#" + CpuSet.Format(p.Value)));

    public bool Equals(CpuPinning? other) =>
        other is not null
        && VcpuToHostCpus.Count == other.VcpuToHostCpus.Count
        && VcpuToHostCpus.All(p => other.VcpuToHostCpus.TryGetValue(p.Key, out var cpus) && cpus.SetEquals(p.Value));

    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);
}
