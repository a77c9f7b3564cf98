using Hotset.Engine.Clusters;
using Hotset.Engine.Persistence.Migrations;
using Hotset.Engine.Persistence.Templates;

namespace Hotset.Engine.Persistence;

/// <summary>At start, before the API listens: migrates the schema and adds the seed entities.</summary>
internal sealed partial class DatabaseInitializer(
    Database db, IClusterStore clusters, ITemplateStore templates, TimeProvider clock, ILogger<DatabaseInitializer> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var applied = await Migrator.MigrateAsync(db, clock, cancellationToken);
        if (applied.Count > 0)
        {
            LogMigrated(db.Provider, string.Join(", ", applied));
        }

        await Seed.ApplyAsync(clusters, templates, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(1001, LogLevel.Information, "Database ({Provider}) migrated to schema versions {Versions}")]
    private partial void LogMigrated(DatabaseProvider provider, string versions);
}
