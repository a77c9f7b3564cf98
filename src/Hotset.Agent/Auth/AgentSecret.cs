using System.Security.Cryptography;
using System.Text;

namespace Hotset.Agent.Auth;

/// <summary>
/// The host secret every caller must present. It comes from <see cref="AgentOptions.Secret"/>, else from
/// <c>agent.secret</c> in the state directory, which the first start generates (32 random bytes, hex, mode 0600).
/// The state directory is made the owner's only (0700), and a secret file others could read is set to 0600.
/// The secret is never written to the log.
/// </summary>
internal sealed partial class AgentSecret
{
    public const string FileName = "agent.secret";
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyDirectory = OwnerReadWrite | UnixFileMode.UserExecute;

    private readonly byte[] _hash;

    private AgentSecret(string secret) => _hash = Hash(secret);

    /// <summary>Compares in constant time: both sides are hashed first, so not even the length leaks.</summary>
    public bool Matches(string presented) => CryptographicOperations.FixedTimeEquals(_hash, Hash(presented));

    public static AgentSecret Load(AgentOptions options, ILogger<AgentSecret> logger)
    {
        EnsurePrivateDirectory(options.StateDirectory, logger);
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

            if (File.GetUnixFileMode(path) != OwnerReadWrite)
            {
                File.SetUnixFileMode(path, OwnerReadWrite);
                LogTightened(logger, path, "0600");
            }

            LogFromFile(logger, path);
            return new AgentSecret(stored);
        }

        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var file = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = OwnerReadWrite,
        };
        using (var writer = new StreamWriter(path, Encoding.ASCII, file))
        {
            writer.WriteLine(secret);
        }

        // The secret itself is never logged: whoever may read it can read the file.
        LogGenerated(logger, path);
        return new AgentSecret(secret);
    }

    /// <summary>The state directory holds the secret and the VMs' definitions and sockets: its owner's only (0700).</summary>
    private static void EnsurePrivateDirectory(string path, ILogger logger)
    {
        var directory = Directory.CreateDirectory(path, OwnerOnlyDirectory);
        if (directory.UnixFileMode != OwnerOnlyDirectory)
        {
            directory.UnixFileMode = OwnerOnlyDirectory;
            LogTightened(logger, directory.FullName, "0700");
        }
    }

    private static byte[] Hash(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));

    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "Callers authenticate with the secret from the configuration (Agent:Secret)")]
    private static partial void LogFromConfiguration(ILogger logger);

    [LoggerMessage(EventId = 201, Level = LogLevel.Information, Message = "Callers authenticate with the secret in {Path}")]
    private static partial void LogFromFile(ILogger logger, string path);

    [LoggerMessage(EventId = 202, Level = LogLevel.Warning, Message = "Generated the agent secret and stored it in {Path} (mode 0600); give that file's content to the engine that manages this host")]
    private static partial void LogGenerated(ILogger logger, string path);

    [LoggerMessage(EventId = 203, Level = LogLevel.Warning, Message = "{Path} could be read by other users; set its mode to {Mode}")]
    private static partial void LogTightened(ILogger logger, string path, string mode);
}
