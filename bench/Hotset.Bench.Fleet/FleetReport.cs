using System.Globalization;
using System.Text;

namespace Hotset.Bench.Fleet;

/// <summary>The figures of one or more fleet runs, printed as a markdown table for <c>docs/benchmarks.md</c>.</summary>
public sealed class FleetReport
{
    private readonly List<(string Database, string Figure, string Value, string Goal)> _rows = [];
    private readonly List<string> _notes = [];

    /// <summary>Problems a correctness check must fail on: 5xx answers, counts that never agreed, lost hosts not marked.</summary>
    public List<string> Failures { get; } = [];

    public void Add(string database, string figure, string value, string goal = "")
    {
        lock (_rows)
        {
            _rows.Add((database, figure, value, goal));
        }

        Console.WriteLine($"  [{database}] {figure}: {value}{(goal.Length > 0 ? "  (" + goal + ")" : "")}");
    }

    public void Note(string note)
    {
        _notes.Add(note);
        Console.WriteLine("  note: " + note);
    }

    public void Fail(string failure)
    {
        Failures.Add(failure);
        Console.WriteLine("  FAILED: " + failure);
    }

    /// <summary>The value of the first figure that starts with <paramref name="figure"/>, or null.</summary>
    public string? ValueOf(string figure)
    {
        lock (_rows)
        {
            return _rows.Where(r => r.Figure.StartsWith(figure, StringComparison.Ordinal)).Select(r => r.Value).FirstOrDefault();
        }
    }

    public static string Goal(bool met, string goal) => $"{goal}: {(met ? "met" : "**not met**")}";

    public static string Ms(double ms) => ms.ToString("0.#", CultureInfo.InvariantCulture) + " ms";

    public string ToMarkdown(string header)
    {
        var text = new StringBuilder();
        text.AppendLine(header).AppendLine();
        text.AppendLine("| database | figure | value | goal |");
        text.AppendLine("|---|---|---|---|");
        foreach (var (database, figure, value, goal) in _rows)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {database} | {figure} | {value} | {goal} |");
        }

        text.AppendLine();
        foreach (var note in _notes)
        {
            text.AppendLine("- " + note);
        }

        return text.ToString();
    }
}
