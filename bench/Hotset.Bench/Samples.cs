using System.Diagnostics;

namespace Hotset.Bench;

/// <summary>Latency samples in milliseconds, with the order statistics the report prints.</summary>
public sealed class Samples(string name)
{
    private readonly List<double> _ms = [];

    public string Name { get; } = name;

    public int Count => _ms.Count;

    public void Add(double ms) => _ms.Add(ms);

    /// <summary>Adds the time from <paramref name="start"/> (a <see cref="Stopwatch.GetTimestamp"/>) until now.</summary>
    public double AddSince(long start)
    {
        var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        _ms.Add(ms);
        return ms;
    }

    public double Min => _ms.Count == 0 ? double.NaN : _ms.Min();

    public double Max => _ms.Count == 0 ? double.NaN : _ms.Max();

    public double Median => Percentile(50);

    public double P90 => Percentile(90);

    /// <summary>Nearest-rank percentile; the median of an even count is the mean of the two middle samples.</summary>
    public double Percentile(int p)
    {
        if (_ms.Count == 0)
        {
            return double.NaN;
        }

        var sorted = _ms.Order().ToArray();
        if (p == 50)
        {
            var mid = sorted.Length / 2;
            return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        }

        var rank = (int)Math.Ceiling(p / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    /// <summary>Time since <paramref name="start"/> in milliseconds.</summary>
    public static double Since(long start) => Stopwatch.GetElapsedTime(start).TotalMilliseconds;
}
