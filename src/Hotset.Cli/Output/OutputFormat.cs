namespace Hotset.Cli.Output;

/// <summary><c>--output</c>: a table (drawn on a terminal, plain aligned columns when piped) or JSON.</summary>
public enum OutputFormat
{
    Table,
    Json,
}
