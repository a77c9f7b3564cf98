using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Hotset.Cli.Output;

/// <summary>
/// Writes a command's result: JSON (snake_case, indented) with <c>--output json</c>; otherwise a Spectre.Console
/// table on a terminal, or plain aligned columns without colour when stdout is piped.
/// </summary>
public sealed class Printer(CliContext context, OutputFormat format)
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private IAnsiConsole? _console;

    public bool IsJson => format == OutputFormat.Json;

    public CliContext Context => context;

    /// <summary>The Spectre console on a terminal; null when output is plain.</summary>
    public IAnsiConsole? Console => context.IsTerminal ? _console ??= AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(context.Out),
        Ansi = AnsiSupport.Detect,
        ColorSystem = ColorSystemSupport.Detect,
        Interactive = InteractionSupport.Yes,
    }) : null;

    public void Json(object? value) => context.Out.WriteLine(JsonSerializer.Serialize(value, JsonOptions));

    /// <summary>Rows under headers; <paramref name="json"/> is what <c>--output json</c> prints instead.</summary>
    public void Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string?>> rows, object? json)
    {
        if (IsJson)
        {
            Json(json);
            return;
        }

        var list = rows.ToList();
        if (Console is { } console)
        {
            var table = new Table().Border(TableBorder.Rounded);
            foreach (var header in headers)
            {
                table.AddColumn(new TableColumn(new Text(header, new Style(decoration: Decoration.Bold))));
            }

            foreach (var row in list)
            {
                table.AddRow(row.Select(cell => (IRenderable)new Text(cell ?? "")).ToArray());
            }

            console.Write(table);
            return;
        }

        var widths = headers.Select((h, i) => Math.Max(h.Length, list.Select(r => (r[i] ?? "").Length).DefaultIfEmpty(0).Max())).ToList();
        context.Out.WriteLine(Row(headers, widths));
        foreach (var row in list)
        {
            context.Out.WriteLine(Row(row, widths));
        }
    }

    /// <summary>Name/value lines for one entity.</summary>
    public void Details(IEnumerable<(string Name, string? Value)> fields, object? json)
    {
        if (IsJson)
        {
            Json(json);
            return;
        }

        var list = fields.Where(f => f.Value is not null).ToList();
        var width = list.Select(f => f.Name.Length).DefaultIfEmpty(0).Max();
        foreach (var (name, value) in list)
        {
            context.Out.WriteLine($"{(name + ":").PadRight(width + 1)} {value}");
        }
    }

    /// <summary>A sentence for people; with <c>--output json</c> the command prints its JSON instead.</summary>
    public void Line(string text)
    {
        if (!IsJson)
        {
            context.Out.WriteLine(text);
        }
    }

    private static string Row(IReadOnlyList<string?> cells, List<int> widths) =>
        string.Join("  ", cells.Select((c, i) => i == cells.Count - 1 ? c ?? "" : (c ?? "").PadRight(widths[i]))).TrimEnd();
}
