using System.Data.Common;
using Dapper;

namespace Hotset.Engine.Persistence.Migrations;

/// <summary>Brings a database to the newest schema of its provider: each missing script in its own transaction.</summary>
public static class Migrator
{
    public static IReadOnlyList<Migration> For(DatabaseProvider provider) =>
        provider == DatabaseProvider.Postgres ? PostgresMigrations.All : SqliteMigrations.All;

    /// <summary>Applies the missing migrations; returns the versions applied now.</summary>
    public static async Task<IReadOnlyList<int>> MigrateAsync(Database db, TimeProvider clock, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        if (db.Provider == DatabaseProvider.Sqlite)
        {
            await connection.ExecuteAsync(new CommandDefinition("PRAGMA journal_mode=WAL;", cancellationToken: ct));
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at BIGINT NOT NULL)",
            cancellationToken: ct));
        var applied = (await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT version FROM schema_version", cancellationToken: ct))).ToHashSet();

        var done = new List<int>();
        foreach (var migration in For(db.Provider).Where(m => !applied.Contains(m.Version)).OrderBy(m => m.Version))
        {
            await ApplyAsync(connection, migration, clock, ct);
            done.Add(migration.Version);
        }

        return done;
    }

    private static async Task ApplyAsync(DbConnection connection, Migration migration, TimeProvider clock, CancellationToken ct)
    {
        await using var tx = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(migration.Sql, transaction: tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO schema_version (version, description, applied_at) VALUES (@Version, @Description, @At)",
            new { migration.Version, migration.Description, At = clock.GetUtcNow().ToUnixTimeMilliseconds() },
            transaction: tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
    }
}
