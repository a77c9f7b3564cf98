using Hotset.Core.Config;
using Hotset.Core.Vms;

namespace Hotset.Engine.Persistence.Config;

/// <summary><see cref="IConfigOverrideStore"/> on SQLite or PostgreSQL; "all architectures" is stored as ''.</summary>
internal sealed class SqlConfigOverrideStore(Database db) : IConfigOverrideStore
{
    public async Task<IReadOnlyList<ConfigOverride>> ListAsync(CancellationToken ct)
    {
        var rows = await db.QueryAsync<Row>(
            "SELECT key, compat_version, architecture, value FROM config_overrides ORDER BY key, compat_version, architecture",
            null, ct);
        return [.. rows.Select(r => new ConfigOverride(Enum.Parse<ConfigKey>(r.Key),
            CompatibilityVersion.Parse(r.CompatVersion),
            r.Architecture.Length == 0 ? null : Enum.Parse<Architecture>(r.Architecture), r.Value))];
    }

    public Task SetAsync(ConfigOverride value, CancellationToken ct) => db.ExecuteAsync(
        "INSERT INTO config_overrides (key, compat_version, architecture, value) VALUES (@Key, @Version, @Architecture, @Value) "
        + "ON CONFLICT (key, compat_version, architecture) DO UPDATE SET value = excluded.value",
        Parameters(value.Key, value.Version, value.Architecture, value.Value), ct);

    public async Task<bool> RemoveAsync(ConfigKey key, CompatibilityVersion version, Architecture? architecture,
        CancellationToken ct) =>
        await db.ExecuteAsync(
            "DELETE FROM config_overrides WHERE key = @Key AND compat_version = @Version AND architecture = @Architecture",
            Parameters(key, version, architecture, null), ct) > 0;

    private static object Parameters(ConfigKey key, CompatibilityVersion version, Architecture? architecture, string? value) =>
        new { Key = key.ToString(), Version = version.ToString(), Architecture = architecture?.ToString() ?? "", Value = value };

    private sealed class Row
    {
        public string Key { get; init; } = "";
        public string CompatVersion { get; init; } = "";
        public string Architecture { get; init; } = "";
        public string Value { get; init; } = "";
    }
}
