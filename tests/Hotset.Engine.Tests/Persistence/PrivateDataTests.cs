using System.Net;
using System.Runtime.Versioning;
using Dapper;
using Hotset.Engine.Clusters;
using Hotset.Engine.Hosts;
using Hotset.Engine.Persistence;
using Hotset.Engine.Persistence.Secrets;
using Hotset.Engine.Tests.Api;
using Microsoft.Extensions.DependencyInjection;
using Host = Hotset.Engine.Hosts.Host;

namespace Hotset.Engine.Tests.Persistence;

/// <summary>
/// The engine's data directory, SQLite database and key ring are its owner's only, and agent secrets in the database
/// are encrypted with the key ring, including rows an older version stored in plain text.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class PrivateDataTests : IDisposable
{
    private const UnixFileMode OwnerFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerDirectory = OwnerFile | UnixFileMode.UserExecute;
    private const string AgentSecretValue = "f00dfeedf00dfeedf00dfeedf00dfeed";

    private readonly string _data = Path.Combine(Directory.CreateTempSubdirectory("hotset-private-").FullName, "data");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Path.GetDirectoryName(_data)!, true);
    }

    [Fact]
    public async Task Start_FreshDataDirectory_DirectoryDatabaseWalAndKeyRingAreOwnerOnly()
    {
        using (var app = new EngineApp(dataDirectory: _data))
        {
            await app.Services.GetRequiredService<IHostStore>().AddAsync(NewHost(), CancellationToken.None);

            Assert.Equal(OwnerDirectory, new DirectoryInfo(_data).UnixFileMode);
            Assert.Equal(OwnerFile, File.GetUnixFileMode(Path.Combine(_data, "engine.db")));
            Assert.Equal(OwnerFile, File.GetUnixFileMode(Path.Combine(_data, "engine.db-wal")));
            var keys = new DirectoryInfo(Path.Combine(_data, "keys"));
            Assert.Equal(OwnerDirectory, keys.UnixFileMode);
            var keyFiles = keys.GetFiles("*.xml");
            Assert.NotEmpty(keyFiles);
            Assert.All(keyFiles, f => Assert.Equal(OwnerFile, f.UnixFileMode));
        }
    }

    [Fact]
    public async Task Start_DataDirectoryAndDatabaseReadableByOthers_AreTightened()
    {
        const UnixFileMode open = UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        Directory.CreateDirectory(_data, OwnerDirectory | open);
        using (var first = new EngineApp(dataDirectory: _data))
        {
            _ = first.Server;
        }

        File.SetUnixFileMode(Path.Combine(_data, "engine.db"), OwnerFile | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        new DirectoryInfo(_data).UnixFileMode = OwnerDirectory | open;

        using var again = new EngineApp(dataDirectory: _data);
        Assert.Equal(HttpStatusCode.OK, (await again.Admin().GetAsync(ApiClient.Api)).StatusCode);

        Assert.Equal(OwnerDirectory, new DirectoryInfo(_data).UnixFileMode);
        Assert.Equal(OwnerFile, File.GetUnixFileMode(Path.Combine(_data, "engine.db")));
    }

    [Fact]
    public async Task Start_PlainAgentSecretFromAnOlderVersion_IsEncryptedAndStillUsed()
    {
        var host = NewHost();
        using (var first = new EngineApp(dataDirectory: _data))
        {
            _ = first.Server;
            await using var connection = await first.Services.GetRequiredService<Database>().OpenAsync(CancellationToken.None);
            await connection.ExecuteAsync("INSERT INTO hosts (id, name, cluster_id, address, secret, status, capabilities, version) "
                + "VALUES (@Id, @Name, @Cluster, @Address, @Secret, 'Unassigned', NULL, 0)",
                new { Id = host.Id.ToString(), host.Name, Cluster = host.ClusterId.ToString(), host.Address, Secret = AgentSecretValue });
        }

        using var again = new EngineApp(dataDirectory: _data);
        var stored = await again.Services.GetRequiredService<IHostStore>().GetAsync(host.Id, CancellationToken.None);

        Assert.Equal(AgentSecretValue, stored?.Secret);
        await using var raw = await again.Services.GetRequiredService<Database>().OpenAsync(CancellationToken.None);
        var column = await raw.QuerySingleAsync<string>("SELECT secret FROM hosts WHERE id = @Id", new { Id = host.Id.ToString() });
        Assert.StartsWith(DataProtectionSecretProtector.Prefix, column, StringComparison.Ordinal);
        Assert.DoesNotContain(AgentSecretValue, column, StringComparison.Ordinal);
    }

    private static Host NewHost() => new()
    {
        Id = Guid.NewGuid(),
        Name = "h-" + Guid.NewGuid().ToString("N")[..8],
        ClusterId = Cluster.DefaultId,
        Address = "http://127.0.0.1:54399",
        Secret = AgentSecretValue,
    };
}
