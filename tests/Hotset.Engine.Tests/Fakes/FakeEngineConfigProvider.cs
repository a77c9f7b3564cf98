using Hotset.Core.Config;
using Hotset.Core.Faults;
using Hotset.Engine.Persistence.Config;

namespace Hotset.Engine.Tests.Fakes;

/// <summary>The engine configuration held in memory; <see cref="Config"/> may be replaced by a test.</summary>
public sealed class FakeEngineConfigProvider : IEngineConfigProvider
{
    public EngineConfig Config { get; set; } = EngineConfig.Defaults;

    public ValueTask<EngineConfig> GetAsync(CancellationToken ct) => ValueTask.FromResult(Config);

    public Task<IReadOnlyList<Fault>> SetAsync(ConfigOverride value, CancellationToken ct)
    {
        var faults = EngineConfig.ValidateOverride(value);
        if (faults.Count == 0)
        {
            Config = Config.With([value]);
        }

        return Task.FromResult(faults);
    }

    public Task<bool> ResetAsync(ConfigOverride value, CancellationToken ct) => Task.FromResult(false);
}
