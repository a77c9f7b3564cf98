using System.Security.Cryptography;
using System.Text;

namespace Hotset.Agent.Auth;

/// <summary>
/// The host secret every caller must present. It comes from <see cref="AgentOptions.Secret"/>, else from
/// <c>agent.secret</c> in the state directory, which the first start generates (32 random bytes, hex, mode 0600).
/// </summary>
internal sealed partial class AgentSecret
{
    public const string FileName = "agent.secret";

    private readonly byte[] _hash;

    private AgentSecret(string secret) => _hash = Hash(secret);

    /// <summary>Compares in constant time: both sides are hashed first, so not even the length leaks.</summary>
    public bool Matches(string presented) => CryptographicOperations.FixedTimeEquals(_hash, Hash(presented));

    public static AgentSecret Load(AgentOptions options, ILogger<AgentSecret> logger)
    {
        if (options.Secret.Length > 0)
        {
            LogFromConfiguration(logger);
            return new AgentSecret(options.Secret);
        }

        var path = Path.Combine(options.StateDirectory, FileName);
        if (File.Exists(path))
        {
            var stored = File.ReadAllText(path).Trim();
            if (stored.Length == 0)
            {
                throw new InvalidOperationException(
                    $"The agent secret file {path} is empty. Delete it to have a new secret generated, or set Agent:Secret.");
            }

            if ((File.GetUnixFileMode(path) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead)) != 0)
            {
                LogReadableByOthers(logger, path);
            }

            LogFromFile(logger, path);
            return new AgentSecret(stored);
        }

        Directory.CreateDirectory(options.StateDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var file = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        };
        using (var writer = new StreamWriter(path, Encoding.ASCII, file))
        {
            writer.WriteLine(secret);
        }

        LogGenerated(logger, path, secret);
        return new AgentSecret(secret);
    }

    private static byte[] Hash(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));

    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "Callers authenticate with the secret from the configuration (Agent:Secret)")]
    private static partial void LogFromConfiguration(ILogger logger);

    [LoggerMessage(EventId = 201, Level = LogLevel.Information, Message = "Callers authenticate with the secret in {Path}")]
    private static partial void LogFromFile(ILogger logger, string path);

    [LoggerMessage(EventId = 202, Level = LogLevel.Warning, Message = "Generated the agent secret {Secret} and stored it in {Path} (mode 0600); give it to the engine that manages this host")]
    private static partial void LogGenerated(ILogger logger, string path, string secret);

    [LoggerMessage(EventId = 203, Level = LogLevel.Warning, Message = "The agent secret file {Path} can be read by other users; chmod 600 it")]
    private static partial void LogReadableByOthers(ILogger logger, string path);
}
