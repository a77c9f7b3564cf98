using System.Data.Common;
using Dapper;

namespace Hotset.Engine.Persistence;

/// <summary>One statement on its own pooled connection: the short-lived unit every store uses.</summary>
internal static class DatabaseCommands
{
    public static async Task<IReadOnlyList<T>> QueryAsync<T>(this Database db, string sql, object? param, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return [.. await connection.QueryAsync<T>(new CommandDefinition(sql, param, cancellationToken: ct))];
    }

    public static async Task<T?> QuerySingleOrDefaultAsync<T>(this Database db, string sql, object? param, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<T>(new CommandDefinition(sql, param, cancellationToken: ct));
    }

    public static async Task<int> ExecuteAsync(this Database db, string sql, object? param, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(sql, param, cancellationToken: ct));
    }

    /// <summary>Runs <paramref name="sql"/>, turning a unique-name violation into <see cref="DuplicateNameException"/>.</summary>
    public static async Task<int> ExecuteNamedAsync(this Database db, string sql, object param, string what, string name,
        CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteNamedAsync(sql, param, null, what, name, ct);
    }

    /// <summary>
    /// <see cref="ExecuteNamedAsync(Database, string, object, string, string, CancellationToken)"/> on an open
    /// connection, in <paramref name="transaction"/> when given.
    /// </summary>
    public static async Task<int> ExecuteNamedAsync(this DbConnection connection, string sql, object param,
        DbTransaction? transaction, string what, string name, CancellationToken ct)
    {
        try
        {
            return await connection.ExecuteAsync(new CommandDefinition(sql, param, transaction, cancellationToken: ct));
        }
        catch (Exception e) when (Database.IsUniqueViolation(e))
        {
            throw new DuplicateNameException($"A {what} named '{name}' already exists; choose another name.");
        }
    }
}
