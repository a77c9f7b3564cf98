using Hotset.Agent.Auth;
using Hotset.Agent.Tests.Fakes;
using Microsoft.Extensions.Logging;

namespace Hotset.Agent.Tests.Auth;

/// <summary>The secret file and the state directory are the owner's only, and the secret never reaches the log.</summary>
public sealed class AgentSecretTests : IDisposable
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyDirectory = OwnerReadWrite | UnixFileMode.UserExecute;

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("hotset-secret-");
    private readonly FakeLogSink _log = new();

    public void Dispose() => _root.Delete(recursive: true);

    private string State => Path.Combine(_root.FullName, "agent");

    [Fact]
    public void Load_FirstStart_GeneratesOwnerOnlyFileAndDirectoryAndNeverLogsTheSecret()
    {
        var loaded = Load();

        var secret = File.ReadAllText(Path.Combine(State, AgentSecret.FileName)).Trim();
        Assert.True(loaded.Matches(secret));
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(Path.Combine(State, AgentSecret.FileName)));
        Assert.Equal(OwnerOnlyDirectory, new DirectoryInfo(State).UnixFileMode);
        Assert.NotEmpty(_log.Entries);
        Assert.DoesNotContain(_log.Entries, e => e.Message.Contains(secret, StringComparison.Ordinal));
        Assert.Contains(_log.Entries, e => e.Message.Contains(Path.Combine(State, AgentSecret.FileName), StringComparison.Ordinal));
    }

    [Fact]
    public void Load_DirectoryAndSecretFileReadableByOthers_TightensBothAndKeepsTheSecret()
    {
        const UnixFileMode open = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        Directory.CreateDirectory(State, OwnerOnlyDirectory | UnixFileMode.GroupRead | UnixFileMode.GroupExecute
            | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var path = Path.Combine(State, AgentSecret.FileName);
        File.WriteAllText(path, "an-old-secret\n");
        File.SetUnixFileMode(path, open);

        var loaded = Load();

        Assert.True(loaded.Matches("an-old-secret"));
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(path));
        Assert.Equal(OwnerOnlyDirectory, new DirectoryInfo(State).UnixFileMode);
        Assert.DoesNotContain(_log.Entries, e => e.Message.Contains("an-old-secret", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_ConfiguredSecret_NeverLogsItAndMakesTheStateDirectoryOwnerOnly()
    {
        var loaded = Load("configured-secret-0123");

        Assert.True(loaded.Matches("configured-secret-0123"));
        Assert.Equal(OwnerOnlyDirectory, new DirectoryInfo(State).UnixFileMode);
        Assert.DoesNotContain(_log.Entries, e => e.Message.Contains("configured-secret-0123", StringComparison.Ordinal));
    }

    private AgentSecret Load(string secret = "")
    {
        using var factory = new LoggerFactory([_log]);
        return AgentSecret.Load(new AgentOptions { StateDirectory = State, Secret = secret }, factory.CreateLogger<AgentSecret>());
    }
}
