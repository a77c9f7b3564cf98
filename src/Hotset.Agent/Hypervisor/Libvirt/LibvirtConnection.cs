using Hotset.Agent.Hypervisor.Libvirt.Native;

namespace Hotset.Agent.Hypervisor.Libvirt;

/// <summary>
/// The agent's one connection to libvirtd. Every call checks that it is alive first and opens a new one when not
/// (libvirtd restarted), registering the event callbacks again; a call that fails because the connection dropped
/// during it is tried once more on a new one. libvirt calls block: they run on the thread pool.
/// </summary>
internal sealed partial class LibvirtConnection(string uri, ILogger logger) : IDisposable
{
    private readonly Lock _lock = new();
    private ConnectHandle? _handle;

    public string Uri => uri;

    /// <summary>Increases with each (re)connect; domain handles of an older generation are stale.</summary>
    public int Generation { get; private set; }

    public Task<T> RunAsync<T>(Func<ConnectHandle, T> call, CancellationToken ct) => Task.Run(() => Run(call), ct);

    public T Run<T>(Func<ConnectHandle, T> call)
    {
        var handle = Open();
        try
        {
            return call(handle);
        }
        catch (LibvirtCallException) when (LibvirtNative.ConnectIsAlive(handle) != 1)
        {
            return call(Open());
        }
    }

    /// <summary>The live connection, opened now when there is none or the last one died.</summary>
    public ConnectHandle Open()
    {
        lock (_lock)
        {
            if (_handle is { } live && LibvirtNative.ConnectIsAlive(live) == 1)
            {
                return live;
            }

            LibvirtEvents.EnsureRunning();
            var reconnect = _handle is not null;
            _handle?.Dispose();
            _handle = null;
            var opened = LibvirtNative.ConnectOpen(uri);
            if (opened.IsInvalid)
            {
                var (_, message) = LibvirtError.Last();
                opened.Dispose();
                throw new HypervisorException($"Cannot connect to libvirt at {uri}: {message} (is libvirtd running?).");
            }

            LibvirtNative.ConnectSetKeepAlive(opened, 5, 3);
            LibvirtEvents.Register(opened);
            _handle = opened;
            Generation++;
            if (reconnect)
            {
                LogReconnected(logger, uri);
            }

            return opened;
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _handle?.Dispose();
            _handle = null;
        }
    }

    [LoggerMessage(EventId = 3401, Level = LogLevel.Warning, Message = "The connection to libvirt at {Uri} was lost (libvirtd restarted?); connected again")]
    private static partial void LogReconnected(ILogger logger, string uri);
}
