using System.Text.Json;

namespace Hotset.Client;

/// <summary>
/// One engine configuration value in force (the <c>engine-config</c> role): <see cref="Key"/> such as
/// <c>MaxNumOfVmCpus</c> for compatibility <see cref="Version"/> and, for per-architecture keys, <see cref="Architecture"/>.
/// </summary>
public sealed record ConfigEntry(string Key, string Version, string? Architecture, string Value, bool IsDefault)
{
    internal static ConfigEntry From(JsonElement e) => new(e.String("key"), e.String("version"), e.Text("architecture"),
        e.String("value"), e.Bool("default") ?? false);
}
