using Hotset.Engine.Auth;
using Hotset.Engine.Persistence;
using Hotset.Engine.Persistence.Auth;
using Hotset.Engine.Persistence.Migrations;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Hotset.Engine.Tests.Auth;

/// <summary>
/// These tests read what the initializer prints by swapping the process-wide <see cref="Console.Out"/>, so they run
/// alone: a log line of another test's engine written meanwhile would land in their output.
/// </summary>
[Collection(ConsoleOutput.Name)]
public sealed class AdminInitializerTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("hotset-admin-").FullName;
    private SqlUserStore _users = null!;
    private SqlPermissionStore _permissions = null!;

    public async Task InitializeAsync()
    {
        var db = Database.From(null, _directory);
        await Migrator.MigrateAsync(db, TimeProvider.System, CancellationToken.None);
        _users = new SqlUserStore(db, TimeProvider.System);
        _permissions = new SqlPermissionStore(db, TimeProvider.System);
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Start_NoPasswordConfigured_GeneratesOnePrintedOnlyOnce()
    {
        var first = await StartAsync(null);
        var password = first.Split(" is ")[1].Split(' ')[0];
        Assert.Equal(20, password.Length);
        var hash = await _users.GetPasswordHashAsync("admin@internal", CancellationToken.None);
        Assert.True(PasswordHasher.Verify(password, hash!));
        Assert.DoesNotContain(password, hash!, StringComparison.Ordinal);

        Assert.Equal("", await StartAsync(null));
        Assert.Equal(hash, await _users.GetPasswordHashAsync("admin@internal", CancellationToken.None));
    }

    [Fact]
    public async Task Start_PasswordConfigured_ReplacesStoredAndPrintsNothing()
    {
        await StartAsync(null);
        Assert.Equal("", await StartAsync("chosen"));
        var hash = await _users.GetPasswordHashAsync("admin@internal", CancellationToken.None);
        Assert.True(PasswordHasher.Verify("chosen", hash!));
        Assert.False(PasswordHasher.Verify("other", hash!));
    }

    [Theory]
    [InlineData("")]
    [InlineData("pbkdf2-sha256$x$y$z")]
    [InlineData("md5$1$2$3")]
    public void Verify_MalformedHash_False(string stored) => Assert.False(PasswordHasher.Verify("pw", stored));

    private async Task<string> StartAsync(string? configured)
    {
        var output = new StringWriter();
        var previous = Console.Out;
        Console.SetOut(output);
        try
        {
            var initializer = new AdminInitializer(_users, _permissions, Options.Create(new AuthOptions { AdminPassword = configured }),
                NullLogger<AdminInitializer>.Instance);
            await initializer.StartAsync(CancellationToken.None);
        }
        finally
        {
            Console.SetOut(previous);
        }

        return output.ToString();
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleOutput
{
    public const string Name = "Console output";
}
