using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Hotset.Engine.Persistence;

/// <summary>
/// The engine's database: which provider, and fresh pooled connections to it. Every store opens a connection per
/// operation and keeps any transaction short; none is held across a call to a host.
/// </summary>
public sealed class Database
{
    private readonly string _connectionString;

    // Rows are read into classes with PascalCase properties from snake_case columns.
    static Database() => Dapper.DefaultTypeMap.MatchNamesWithUnderscores = true;

    public Database(DatabaseProvider provider, string connectionString)
    {
        Provider = provider;
        _connectionString = connectionString;
    }

    public DatabaseProvider Provider { get; }

    /// <summary>For checks that open their own connection (<c>/health/ready</c>); may hold a password: never log it.</summary>
    internal string ConnectionString => _connectionString;

    /// <summary>
    /// Chooses the provider from <paramref name="connectionStringOrPath"/>: a PostgreSQL connection string
    /// (<c>Host=…</c>) or else a SQLite path or connection string; empty means <c>engine.db</c> in
    /// <paramref name="dataDirectory"/>.
    /// </summary>
    public static Database From(string? connectionStringOrPath, string dataDirectory)
    {
        var value = connectionStringOrPath?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            PrivateFiles.Directory(dataDirectory);
            return Sqlite(Path.Combine(dataDirectory, "engine.db"));
        }

        if (IsPostgres(value))
        {
            return new Database(DatabaseProvider.Postgres, WithBoundedPool(value));
        }

        return value.Contains('=', StringComparison.Ordinal)
            ? new Database(DatabaseProvider.Sqlite, value)
            : Sqlite(value);
    }

    /// <summary>
    /// SQLite in the file <paramref name="path"/>, created with mode 0600 before SQLite opens it (SQLite gives its
    /// journal and WAL files the database file's mode); an existing database and its WAL are set to 0600.
    /// </summary>
    public static Database Sqlite(string path)
    {
        if (path != ":memory:")
        {
            PrivateFiles.ParentOf(path);
            PrivateFiles.File(path);
            PrivateFiles.Tighten(path + "-wal");
            PrivateFiles.Tighten(path + "-shm");
            PrivateFiles.Tighten(path + "-journal");
        }

        var builder = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 30 };
        return new Database(DatabaseProvider.Sqlite, builder.ToString());
    }

    /// <summary>
    /// Connections the engine opens to PostgreSQL at most when the connection string does not say
    /// (<c>Maximum Pool Size</c>). Npgsql's own default, 100, is also the server's default <c>max_connections</c>:
    /// under a burst of requests the engine would take every slot and the server refuse the next connection
    /// ("too many clients"), a 500. With a bound, a burst waits for a pooled connection instead.
    /// </summary>
    public const int DefaultPostgresPoolSize = 40;

    private static string WithBoundedPool(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("pool size", StringComparison.OrdinalIgnoreCase)
            && !connectionString.Contains("maxpoolsize", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxPoolSize = DefaultPostgresPoolSize;
        }

        return builder.ConnectionString;
    }

    public async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        DbConnection connection = Provider == DatabaseProvider.Postgres
            ? new NpgsqlConnection(_connectionString)
            : new SqliteConnection(_connectionString);
        await connection.OpenAsync(ct);
        return connection;
    }

    /// <summary>True when <paramref name="e"/> is a unique-constraint violation of either provider.</summary>
    public static bool IsUniqueViolation(Exception e) => e switch
    {
        SqliteException s => s.SqliteErrorCode == 19 && s.SqliteExtendedErrorCode is 2067 or 1555,
        PostgresException p => p.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };

    private static bool IsPostgres(string value)
    {
        var lower = value.ToLowerInvariant();
        return lower.StartsWith("postgres", StringComparison.Ordinal)
            || lower.Contains("host=", StringComparison.Ordinal)
            || lower.Contains("server=", StringComparison.Ordinal);
    }
}
