namespace Hotset.Cli;

/// <summary>A failure the CLI explains itself: a sentence, a hint, and the exit code to end with.</summary>
public sealed class CliException : Exception
{
    public CliException(string message, string? hint = null, int exitCode = ExitCodes.Error)
        : base(message)
    {
        Hint = hint;
        ExitCode = exitCode;
    }

    public CliException()
        : this("The command failed.")
    {
    }

    public CliException(string message)
        : this(message, hint: null)
    {
    }

    public CliException(string message, Exception innerException)
        : base(message, innerException)
    {
        ExitCode = ExitCodes.Error;
    }

    public string? Hint { get; }

    public int ExitCode { get; }
}
