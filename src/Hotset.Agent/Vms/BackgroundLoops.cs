namespace Hotset.Agent.Vms;

/// <summary>
/// Background loops of one owner (exit watches, shutdown watchdogs): each gets the token that <see cref="StopAsync"/>
/// cancels, and <see cref="StopAsync"/> returns only when every loop has ended. A loop started after the stop sees
/// its token cancelled at once.
/// </summary>
internal sealed class BackgroundLoops
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _lock = new();
    private readonly HashSet<Task> _running = [];

    /// <summary>
    /// Starts <paramref name="loop"/>: it runs on the caller's thread up to its first wait (so its timers start now),
    /// then in the background. It must log its own failures.
    /// </summary>
    public void Run(Func<CancellationToken, Task> loop)
    {
        var task = loop(_stopping.Token);
        lock (_lock)
        {
            _running.Add(task);
        }

        _ = task.ContinueWith(Forget, TaskScheduler.Default);
    }

    /// <summary>Signals every loop to stop and waits until all have ended.</summary>
    public async Task StopAsync()
    {
        await _stopping.CancelAsync();
        Task[] running;
        lock (_lock)
        {
            running = [.. _running];
        }

        await Task.WhenAll(running).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private void Forget(Task done)
    {
        lock (_lock)
        {
            _running.Remove(done);
        }
    }
}
