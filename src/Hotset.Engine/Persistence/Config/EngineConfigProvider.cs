using Hotset.Core.Config;
using Hotset.Core.Faults;

namespace Hotset.Engine.Persistence.Config;

/// <summary>Caches <see cref="EngineConfig"/> built from the override store; every change reloads it.</summary>
internal sealed class EngineConfigProvider(IConfigOverrideStore store) : IEngineConfigProvider
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile EngineConfig? _current;

    public async ValueTask<EngineConfig> GetAsync(CancellationToken ct) => _current ?? await ReloadAsync(ct);

    public async Task<IReadOnlyList<Fault>> SetAsync(ConfigOverride value, CancellationToken ct)
    {
        var faults = EngineConfig.ValidateOverride(value);
        if (faults.Count > 0)
        {
            return faults;
        }

        await store.SetAsync(value with { Value = value.Value.Trim() }, ct);
        await ReloadAsync(ct);
        return [];
    }

    public async Task<bool> ResetAsync(ConfigOverride value, CancellationToken ct)
    {
        var removed = await store.RemoveAsync(value.Key, value.Version, value.Architecture, ct);
        await ReloadAsync(ct);
        return removed;
    }

    private async Task<EngineConfig> ReloadAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var overrides = await store.ListAsync(ct);
            var config = EngineConfig.Defaults.With(overrides.Where(o => EngineConfig.ValidateOverride(o).Count == 0));
            _current = config;
            return config;
        }
        finally
        {
            _gate.Release();
        }
    }
}
