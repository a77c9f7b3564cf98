using Hotset.Core.Config;
using Hotset.Core.Vms;

namespace Hotset.Engine.Persistence.Config;

/// <summary>The administrator's engine-config values; one per key, version and architecture (null = all).</summary>
public interface IConfigOverrideStore
{
    Task<IReadOnlyList<ConfigOverride>> ListAsync(CancellationToken ct);

    /// <summary>Stores <paramref name="value"/>, replacing the value for the same key, version and architecture.</summary>
    Task SetAsync(ConfigOverride value, CancellationToken ct);

    /// <summary>Removes an override (the default applies again); false when there was none.</summary>
    Task<bool> RemoveAsync(ConfigKey key, CompatibilityVersion version, Architecture? architecture, CancellationToken ct);
}
