namespace Hotset.Cli.Tests;

/// <summary>What one run of the CLI printed and returned.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}

/// <summary>Runs the CLI's entry point in process with captured output and the given environment.</summary>
public static class CliRun
{
    public static async Task<CliResult> RunAsync(IReadOnlyDictionary<string, string?> environment, string configDirectory,
        string[] args, Func<string, string?>? readPassword = null, TextWriter? output = null, CancellationToken ct = default)
    {
        using var outWriter = new StringWriter();
        using var errWriter = new StringWriter();
        var context = new CliContext
        {
            Out = output ?? outWriter,
            Error = errWriter,
            IsTerminal = false,
            Environment = name => environment.TryGetValue(name, out var value) ? value : null,
            ConfigDirectory = configDirectory,
            ReadPassword = readPassword ?? (_ => null),
            PollInterval = TimeSpan.FromMilliseconds(200),
        };
        var code = await HotsetCli.RunAsync(args, context, ct);
        return new CliResult(code, output?.ToString() ?? outWriter.ToString(), errWriter.ToString());
    }
}
