namespace Hotset.Client;

/// <summary>How a <see cref="HotsetClient"/> retries and waits.</summary>
public sealed class HotsetClientOptions
{
    /// <summary>Extra attempts of an idempotent GET after a transport error (not after an answer). 0 = none.</summary>
    public int GetRetries { get; init; } = 2;

    /// <summary>Pause before the first retry; each later one waits twice as long.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeProvider Time { get; init; } = TimeProvider.System;
}
