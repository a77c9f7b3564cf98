using Npgsql;

namespace Hotset.Bench.Fleet;

internal static class PostgresReset
{
    /// <summary>Empties the database of <paramref name="connectionString"/> (drops and recreates schema <c>public</c>).</summary>
    public static async Task RunAsync(string connectionString, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;", connection);
        await command.ExecuteNonQueryAsync(ct);
    }
}
