using Hotset.Web.Session;
using Microsoft.AspNetCore.Components;

namespace Hotset.Web.Components;

/// <summary>
/// A page that shows engine state live: <see cref="RefreshAsync"/> runs at once (unless the page already has
/// something to show, see <see cref="RefreshAtOnce"/>) and then every <see cref="Interval"/> until the page is left.
/// A refresh that fails for want of the engine is retried on the next tick (the layout shows "Reconnecting…"
/// meanwhile).
/// </summary>
public abstract class LivePage : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource _stop = new();

    [Inject]
    protected EngineApi Api { get; set; } = null!;

    /// <summary>How often the page asks the engine again; the VM list's 1 s keeps its counts within 2 s.</summary>
    protected virtual TimeSpan Interval => TimeSpan.FromSeconds(1);

    protected CancellationToken Stopping => _stop.Token;

    /// <summary>
    /// False when the page opens on state it kept (the VM list's cache): it is painted first and refreshed on the
    /// first tick, rather than held until a refresh that can take the page's one thread for half a second.
    /// </summary>
    protected virtual bool RefreshAtOnce => true;

    protected abstract Task RefreshAsync(CancellationToken ct);

    protected override async Task OnInitializedAsync()
    {
        if (RefreshAtOnce)
        {
            await RefreshAsync(_stop.Token);
        }

        _ = PollAsync();
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task PollAsync()
    {
        var stop = _stop.Token;
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                await InvokeAsync(async () =>
                {
                    await RefreshAsync(stop);
                    StateHasChanged();
                });
            }
        }
        catch (OperationCanceledException)
        {
            // The page was left.
        }
    }
}
