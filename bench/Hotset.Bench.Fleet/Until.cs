using System.Diagnostics;

namespace Hotset.Bench.Fleet;

internal static class Until
{
    /// <summary>Asks <paramref name="condition"/> every <paramref name="every"/> (default 250 ms) until it holds; throws after <paramref name="timeout"/>.</summary>
    public static async Task<TimeSpan> TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, CancellationToken ct,
        TimeSpan? every = null)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"Waited {timeout.TotalSeconds:0} s for {what}.");
            }

            await Task.Delay(every ?? TimeSpan.FromMilliseconds(250), ct);
        }

        return clock.Elapsed;
    }
}
