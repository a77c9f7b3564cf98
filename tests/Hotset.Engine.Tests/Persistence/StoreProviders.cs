using Hotset.Engine.Persistence;
using Npgsql;

namespace Hotset.Engine.Tests.Persistence;

/// <summary>The store suite on a fresh SQLite file.</summary>
public sealed class SqliteStoreTests : StoreSuite
{
    private readonly string _directory = Directory.CreateTempSubdirectory("hotset-store-").FullName;

    protected override Task<Database> CreateDatabaseAsync() =>
        Task.FromResult(Database.From(Path.Combine(_directory, "engine.db"), _directory));

    protected override Task DropDatabaseAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, true);
        return Task.CompletedTask;
    }
}

/// <summary>The store suite on a database of its own in the PostgreSQL server of <c>HOTSET_TEST_PG</c>.</summary>
[Postgres]
public sealed class PostgresStoreTests : StoreSuite
{
    private readonly string _name = "hotset_test_" + Guid.NewGuid().ToString("N");
    private string? _server;

    protected override async Task<Database> CreateDatabaseAsync()
    {
        _server = PostgresAttribute.ConnectionString
            ?? throw new InvalidOperationException($"{PostgresAttribute.Variable} is not set, and CI requires the PostgreSQL store tests.");
        await using (var admin = new NpgsqlConnection(_server))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {_name}", admin);
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(_server) { Database = _name };
        var db = Database.From(builder.ConnectionString, Path.GetTempPath());
        Assert.Equal(DatabaseProvider.Postgres, db.Provider);
        return db;
    }

    protected override async Task DropDatabaseAsync()
    {
        if (_server is null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(_server);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
