using System.Threading.Channels;

namespace Hotset.Agent.Hypervisor.Qmp;

/// <summary>
/// Events QEMU sends from the moment of <see cref="QmpClient.Subscribe"/> on, in order. Subscribe before the command
/// whose events you wait for. Reading fails with <see cref="QmpException"/> once the QMP connection closes.
/// </summary>
public sealed class QmpEventSubscription : IDisposable
{
    private readonly Channel<QmpEvent> _events = Channel.CreateUnbounded<QmpEvent>(new() { SingleReader = true });
    private readonly Action<QmpEventSubscription> _unsubscribe;

    internal QmpEventSubscription(Action<QmpEventSubscription> unsubscribe) => _unsubscribe = unsubscribe;

    /// <summary>The next event.</summary>
    public async ValueTask<QmpEvent> ReadAsync(CancellationToken ct)
    {
        try
        {
            return await _events.Reader.ReadAsync(ct);
        }
        catch (ChannelClosedException e) when (e.InnerException is QmpException closed)
        {
            throw new QmpException("(event)", closed.ErrorClass, closed.Description, e);
        }
    }

    /// <summary>The next event if one has arrived already.</summary>
    public bool TryRead([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out QmpEvent? e) => _events.Reader.TryRead(out e);

    /// <summary>Reads events until one matches <paramref name="predicate"/>; the others are dropped.</summary>
    public async Task<QmpEvent> WaitForAsync(Func<QmpEvent, bool> predicate, CancellationToken ct)
    {
        while (true)
        {
            var e = await ReadAsync(ct);
            if (predicate(e))
            {
                return e;
            }
        }
    }

    public void Dispose() => _unsubscribe(this);

    internal void Publish(QmpEvent e) => _events.Writer.TryWrite(e);

    internal void Complete(Exception error) => _events.Writer.TryComplete(error);
}
