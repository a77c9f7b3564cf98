namespace Hotset.Cli;

/// <summary>
/// What the CLI needs from its process: output streams, whether stdout is a terminal, environment variables, the
/// config directory for the token, a password prompt, and how to reach the engine. Tests pass their own.
/// </summary>
public sealed class CliContext
{
    public required TextWriter Out { get; init; }
    public required TextWriter Error { get; init; }

    /// <summary>True when stdout is a terminal: tables and progress are drawn; otherwise plain lines.</summary>
    public bool IsTerminal { get; init; }

    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>Where the token file lives (<c>$HOTSET_CONFIG_DIR</c>, else <c>$XDG_CONFIG_HOME/hotset</c> or <c>~/.config/hotset</c>).</summary>
    public string? ConfigDirectory { get; init; }

    /// <summary>Asks for a password without echo; null when there is no one to ask.</summary>
    public Func<string, string?> ReadPassword { get; init; } = _ => null;

    /// <summary>Makes the HTTP client for the engine; tests may route it in process.</summary>
    public Func<HttpClient> CreateHttpClient { get; init; } = () => new HttpClient { Timeout = TimeSpan.FromMinutes(5) };

    /// <summary>How often --wait and --follow poll the engine.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    public string ResolveConfigDirectory()
    {
        if (ConfigDirectory is { Length: > 0 } dir)
        {
            return dir;
        }

        if (Environment("HOTSET_CONFIG_DIR") is { Length: > 0 } own)
        {
            return own;
        }

        var xdg = Environment("XDG_CONFIG_HOME");
        var baseDir = xdg is { Length: > 0 } ? xdg
            : Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".config");
        return Path.Combine(baseDir, "hotset");
    }

    public static CliContext FromProcess() => new()
    {
        Out = Console.Out,
        Error = Console.Error,
        IsTerminal = !Console.IsOutputRedirected,
        ReadPassword = PasswordPrompt.Read,
    };
}
