using System.Globalization;
using System.Text;

namespace Hotset.Bench;

/// <summary>Collects the figures of a run and prints them as a markdown table ready for docs/benchmarks.md.</summary>
public sealed class Report
{
    private readonly List<string> _rows = [];
    private readonly List<string> _notes = [];

    /// <summary>A latency figure; <paramref name="goalMs"/> applies to its median.</summary>
    public void Add(string part, Samples samples, double? goalMs = null)
    {
        var verdict = goalMs is { } g ? Verdict(samples.Median <= g, $"median ≤ {g:0} ms") : "";
        _rows.Add($"| {part} | {samples.Name} | {samples.Count} | {Ms(samples.Min)} | {Ms(samples.Median)} | "
            + $"{Ms(samples.P90)} | {Ms(samples.Max)} | {verdict} |");
        Console.WriteLine($"  {samples.Name}: n={samples.Count} min {Ms(samples.Min)} median {Ms(samples.Median)} "
            + $"p90 {Ms(samples.P90)} max {Ms(samples.Max)} ms");
    }

    /// <summary>A derived figure (a ratio or a difference of medians) with its goal.</summary>
    public void AddDerived(string part, string name, string value, bool met, string? goal)
    {
        _rows.Add($"| {part} | **{name}** | | | **{value}** | | | {(goal is null ? "" : Verdict(met, goal))} |");
        Console.WriteLine($"  {name}: {value}{(goal is null ? "" : $" (goal {goal}: {(met ? "met" : "NOT met")})")}");
    }

    public void Note(string note)
    {
        _notes.Add(note);
        Console.WriteLine($"  note: {note}");
    }

    public string ToMarkdown(MachineInfo machine)
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"Measured {machine.UtcDate}: {machine.Describe()}.");
        md.AppendLine();
        md.AppendLine("| part | figure | n | min ms | median ms | p90 ms | max ms | goal |");
        md.AppendLine("|---|---|---:|---:|---:|---:|---:|---|");
        foreach (var row in _rows)
        {
            md.AppendLine(row);
        }

        if (_notes.Count > 0)
        {
            md.AppendLine();
            foreach (var note in _notes)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"- {note}");
            }
        }

        return md.ToString();
    }

    public static string Ms(double ms) => double.IsNaN(ms) ? "–" : ms.ToString(ms < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture);

    private static string Verdict(bool met, string goal) => $"{goal}: {(met ? "met" : "**not met**")}";
}
