namespace Hotset.Web.Session;

/// <summary>
/// Whether the engine answers. A transport failure of any call marks it unreachable (the layout then shows
/// "Reconnecting…"); the next answer clears it. Pages keep polling meanwhile, so the UI recovers by itself.
/// </summary>
public sealed class EngineConnection
{
    public bool Reconnecting { get; private set; }

    public event Action? Changed;

    public void Answered() => Set(false);

    public void Lost() => Set(true);

    private void Set(bool reconnecting)
    {
        if (Reconnecting != reconnecting)
        {
            Reconnecting = reconnecting;
            Changed?.Invoke();
        }
    }
}
