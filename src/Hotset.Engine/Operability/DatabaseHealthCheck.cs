using System.Data.Common;
using Hotset.Engine.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Hotset.Engine.Operability;

/// <summary>
/// Ready only if the database answers a read of the engine's schema. SQLite is opened afresh (no pool) and without
/// creating the file, so a database file or directory that is gone is noticed even while pooled connections still
/// hold the deleted file open. The reason goes to the log; the anonymous answer only names the provider.
/// </summary>
internal sealed class DatabaseHealthCheck(Database database) : IHealthCheck
{
    private const string Query = "SELECT COUNT(*) FROM schema_version";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
    {
        var provider = database.Provider == DatabaseProvider.Postgres ? "PostgreSQL" : "SQLite";
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = Query;
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy($"{provider} answers.");
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy($"{provider} does not answer (the reason is in the engine's log).", e);
        }
    }

    private async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        if (database.Provider == DatabaseProvider.Postgres)
        {
            return await database.OpenAsync(ct);
        }

        var fresh = new SqliteConnectionStringBuilder(database.ConnectionString) { Pooling = false };
        if (fresh.Mode == SqliteOpenMode.ReadWriteCreate)
        {
            fresh.Mode = SqliteOpenMode.ReadWrite;
        }

        var connection = new SqliteConnection(fresh.ToString());
        await connection.OpenAsync(ct);
        return connection;
    }
}
