namespace Hotset.Bench.Fleet;

/// <summary>Runs a call per item with at most <c>width</c> in flight, printing progress every tenth.</summary>
internal static class Throttled
{
    public static async Task ForEachAsync<T>(IReadOnlyList<T> items, int width, string what, Func<T, Task> call,
        CancellationToken ct)
    {
        var done = 0;
        var step = Math.Max(1, items.Count / 10);
        await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = width, CancellationToken = ct },
            async (item, _) =>
            {
                await call(item);
                var n = Interlocked.Increment(ref done);
                if (n % step == 0)
                {
                    Console.WriteLine($"    {what}: {n}/{items.Count}");
                }
            });
    }
}
