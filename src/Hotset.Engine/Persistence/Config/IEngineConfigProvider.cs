using Hotset.Core.Config;
using Hotset.Core.Faults;

namespace Hotset.Engine.Persistence.Config;

/// <summary>
/// The engine configuration in force: SPEC §5 defaults plus the stored overrides. Cached; a change through
/// <see cref="SetAsync"/> or <see cref="ResetAsync"/> takes effect for the next reader, without a restart.
/// </summary>
public interface IEngineConfigProvider
{
    /// <summary>The current configuration (loads the overrides on first use).</summary>
    ValueTask<EngineConfig> GetAsync(CancellationToken ct);

    /// <summary>Validates and stores an override; returns the faults and changes nothing when it is invalid.</summary>
    Task<IReadOnlyList<Fault>> SetAsync(ConfigOverride value, CancellationToken ct);

    /// <summary>Removes an override so the default applies again; false when there was none.</summary>
    Task<bool> ResetAsync(ConfigOverride value, CancellationToken ct);
}
