namespace Hotset.Engine.Api;

/// <summary>
/// The engine's short environment variables, mapped onto configuration keys: <c>HOTSET_URLS</c> → <c>Urls</c>,
/// <c>HOTSET_DATA_DIR</c> → <c>Engine:DataDirectory</c>, <c>HOTSET_DB</c> → <c>ConnectionStrings:Engine</c> (a SQLite path
/// or a PostgreSQL connection string), <c>HOTSET_ADMIN_PASSWORD</c> → <c>Engine:AdminPassword</c>,
/// <c>HOTSET_KEY_DIR</c> → <c>Engine:KeyDirectory</c>.
/// </summary>
public static class HotsetEnvironment
{
    private static readonly (string Variable, string Key)[] Aliases =
    [
        ("HOTSET_URLS", "Urls"),
        ("HOTSET_DATA_DIR", "Engine:DataDirectory"),
        ("HOTSET_DB", "ConnectionStrings:Engine"),
        ("HOTSET_ADMIN_PASSWORD", "Engine:AdminPassword"),
        ("HOTSET_KEY_DIR", "Engine:KeyDirectory"),
    ];

    public static IConfigurationBuilder AddHotsetEnvironment(this IConfigurationBuilder configuration) =>
        configuration.AddHotsetEnvironment(Environment.GetEnvironmentVariable);

    /// <summary>The same, reading variables through <paramref name="variable"/> (tests pass their own).</summary>
    public static IConfigurationBuilder AddHotsetEnvironment(this IConfigurationBuilder configuration, Func<string, string?> variable)
    {
        var values = Aliases
            .Select(a => (a.Key, Value: variable(a.Variable)))
            .Where(a => !string.IsNullOrEmpty(a.Value))
            .ToDictionary(a => a.Key, a => a.Value);
        return values.Count == 0 ? configuration : configuration.AddInMemoryCollection(values);
    }
}
