using Hotset.Engine.Clusters;
using Hotset.Engine.Persistence.Hosts;
using Hotset.Engine.Persistence.Migrations;
using Hotset.Engine.Persistence.Secrets;
using Hotset.Engine.Persistence.Templates;

namespace Hotset.Engine.Persistence;

/// <summary>
/// At start, before the API listens: migrates the schema, adds the seed entities, and encrypts agent secrets an older
/// version stored in plain text.
/// </summary>
internal sealed partial class DatabaseInitializer(Database db, IClusterStore clusters, ITemplateStore templates,
    ISecretProtector secrets, TimeProvider clock, ILogger<DatabaseInitializer> logger)
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
        var encrypted = await HostSecretEncryption.EncryptPlainAsync(db, secrets, cancellationToken);
        if (encrypted > 0)
        {
            LogSecretsEncrypted(encrypted);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(1001, LogLevel.Information, "Database ({Provider}) migrated to schema versions {Versions}")]
    private partial void LogMigrated(DatabaseProvider provider, string versions);

    [LoggerMessage(1002, LogLevel.Information, "Encrypted {Count} agent secrets that were stored in plain text")]
    private partial void LogSecretsEncrypted(int count);
}
