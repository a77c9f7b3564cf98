using System.Text.Json.Nodes;

namespace Hotset.Client;

/// <summary>
/// <c>/hotset/config</c>, the <c>engine-config</c> role: every value in force, set one for a compatibility version
/// (and architecture), reset one to its default. Values are in force at once.
/// </summary>
public sealed class ConfigApi
{
    private readonly ApiTransport _api;

    internal ConfigApi(ApiTransport api) => _api = api;

    /// <summary>Every value in force, or only those of <paramref name="key"/>.</summary>
    public async Task<IReadOnlyList<ConfigEntry>> ListAsync(string? key = null, CancellationToken ct = default) =>
        [.. (await _api.GetAsync("hotset/config/" + Query.Of(("key", key)), ct)).Items("entry").Select(ConfigEntry.From)];

    /// <summary>Sets <paramref name="key"/> for <paramref name="version"/>; returns the value now in force. Bad values throw (400).</summary>
    public async Task<ConfigEntry> SetAsync(string key, string version, string value, string? architecture = null,
        CancellationToken ct = default)
    {
        var body = new JsonObject { ["key"] = key, ["version"] = version, ["value"] = value };
        VmChanges.Set(body, "architecture", architecture);
        return ConfigEntry.From((await _api.SendAsync(HttpMethod.Put, "hotset/config/", body, ct)).Body);
    }

    /// <summary>Restores the default of <paramref name="key"/> for <paramref name="version"/>; returns the value now in force.</summary>
    public async Task<ConfigEntry> ResetAsync(string key, string version, string? architecture = null, CancellationToken ct = default)
    {
        var path = "hotset/config/" + Query.Of(("key", key), ("version", version), ("architecture", architecture));
        return ConfigEntry.From((await _api.SendAsync(HttpMethod.Delete, path, null, ct)).Body);
    }
}
