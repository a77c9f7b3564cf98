using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Hotset.Agent.Hypervisor.Libvirt.Native;

namespace Hotset.Agent.Hypervisor.Libvirt;

/// <summary>
/// libvirt's default event loop, run on one background thread for the life of the process (libvirt needs it
/// registered before the first connection opens), and the domain events the driver listens to: lifecycle and
/// device-removed, handed to whoever watches the domain of that name.
/// </summary>
internal static unsafe class LibvirtEvents
{
    private static readonly Lazy<bool> Loop = new(StartLoop);
    private static readonly ConcurrentDictionary<string, Action<DomainEvent>> Watchers = new(StringComparer.Ordinal);

    /// <summary>Registers and starts the event loop once; call before opening a connection.</summary>
    public static void EnsureRunning() => _ = Loop.Value;

    /// <summary>Registers this connection's callbacks (again after each reconnect).</summary>
    public static void Register(ConnectHandle connection)
    {
        delegate* unmanaged[Cdecl]<nint, nint, int, int, nint, int> lifecycle = &OnLifecycle;
        delegate* unmanaged[Cdecl]<nint, nint, nint, nint, void> removed = &OnDeviceRemoved;
        if (LibvirtNative.ConnectDomainEventRegisterAny(connection, 0, LibvirtNative.EventIdLifecycle, (nint)lifecycle, 0, 0) < 0
            || LibvirtNative.ConnectDomainEventRegisterAny(connection, 0, LibvirtNative.EventIdDeviceRemoved, (nint)removed, 0, 0) < 0)
        {
            throw LibvirtError.Exception("Cannot register for libvirt's domain events");
        }
    }

    /// <summary>Hands the events of domain <paramref name="name"/> to <paramref name="watcher"/> until the returned handle is disposed.</summary>
    public static IDisposable Watch(string name, Action<DomainEvent> watcher)
    {
        Watchers[name] = watcher;
        return new Unwatch(name, watcher);
    }

    private static bool StartLoop()
    {
        // libvirt prints every error to stderr unless told otherwise; the driver reports them itself.
        delegate* unmanaged[Cdecl]<nint, nint, void> quiet = &IgnoreError;
        LibvirtNative.SetErrorFunc(0, (nint)quiet);
        if (LibvirtNative.EventRegisterDefaultImpl() < 0)
        {
            throw LibvirtError.Exception("Cannot start libvirt's event loop");
        }

        var thread = new Thread(() =>
        {
            while (true)
            {
                if (LibvirtNative.EventRunDefaultImpl() < 0)
                {
                    Thread.Sleep(100);
                }
            }
        })
        { IsBackground = true, Name = "libvirt events" };
        thread.Start();
        return true;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void IgnoreError(nint userData, nint error)
    {
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int OnLifecycle(nint connection, nint domain, int eventType, int detail, nint opaque)
    {
        Dispatch(domain, new DomainEvent((LifecycleEvent)eventType, detail, null));
        return 0;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnDeviceRemoved(nint connection, nint domain, nint alias, nint opaque) =>
        Dispatch(domain, new DomainEvent(null, 0, Marshal.PtrToStringUTF8(alias)));

    private static void Dispatch(nint domain, DomainEvent e)
    {
        try
        {
            if (Marshal.PtrToStringUTF8(LibvirtNative.DomainGetName(domain)) is { } name && Watchers.TryGetValue(name, out var watcher))
            {
                watcher(e);
            }
        }
        catch (Exception)
        {
            // Never let an exception unwind into libvirt's event loop; a watcher that fails misses this event only.
        }
    }

    private sealed class Unwatch(string name, Action<DomainEvent> watcher) : IDisposable
    {
        public void Dispose() => Watchers.TryRemove(KeyValuePair.Create(name, watcher));
    }
}

/// <summary>libvirt's <c>virDomainEventType</c> (the ones the driver reads).</summary>
internal enum LifecycleEvent
{
    Started = 2,
    Stopped = 5,
    Shutdown = 6,
    Crashed = 8,
}

/// <summary>One domain event: a lifecycle change (<see cref="Lifecycle"/>, <see cref="Detail"/>) or a removed device (<see cref="RemovedAlias"/>).</summary>
internal sealed record DomainEvent(LifecycleEvent? Lifecycle, int Detail, string? RemovedAlias);
