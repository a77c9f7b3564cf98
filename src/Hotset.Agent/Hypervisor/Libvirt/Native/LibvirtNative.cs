using System.Runtime.InteropServices;

namespace Hotset.Agent.Hypervisor.Libvirt.Native;

/// <summary>The parts of libvirt's C library (<c>libvirt.so.0</c>) the driver uses; see <see cref="LibvirtQemuNative"/> for the QEMU-specific ones.</summary>
internal static unsafe partial class LibvirtNative
{
    private const string Library = "libvirt.so.0";

    public const uint AffectLive = 1;
    public const int EventIdLifecycle = 0;
    public const int EventIdDeviceRemoved = 15;
    public const uint ShutdownAcpiPowerButton = 1;

    [LibraryImport(Library, EntryPoint = "virEventRegisterDefaultImpl")]
    public static partial int EventRegisterDefaultImpl();

    [LibraryImport(Library, EntryPoint = "virEventRunDefaultImpl")]
    public static partial int EventRunDefaultImpl();

    [LibraryImport(Library, EntryPoint = "virConnectOpen", StringMarshalling = StringMarshalling.Utf8)]
    public static partial ConnectHandle ConnectOpen(string uri);

    [LibraryImport(Library, EntryPoint = "virConnectClose")]
    public static partial int ConnectClose(nint connection);

    [LibraryImport(Library, EntryPoint = "virConnectIsAlive")]
    public static partial int ConnectIsAlive(ConnectHandle connection);

    [LibraryImport(Library, EntryPoint = "virConnectSetKeepAlive")]
    public static partial int ConnectSetKeepAlive(ConnectHandle connection, int interval, uint count);

    [LibraryImport(Library, EntryPoint = "virConnectGetVersion")]
    public static partial int ConnectGetVersion(ConnectHandle connection, out ulong version);

    [LibraryImport(Library, EntryPoint = "virConnectGetLibVersion")]
    public static partial int ConnectGetLibVersion(ConnectHandle connection, out ulong version);

    [LibraryImport(Library, EntryPoint = "virConnectDomainEventRegisterAny")]
    public static partial int ConnectDomainEventRegisterAny(
        ConnectHandle connection, nint domain, int eventId, nint callback, nint opaque, nint free);

    [LibraryImport(Library, EntryPoint = "virDomainDefineXML", StringMarshalling = StringMarshalling.Utf8)]
    public static partial DomainHandle DomainDefineXml(ConnectHandle connection, string xml);

    [LibraryImport(Library, EntryPoint = "virDomainLookupByName", StringMarshalling = StringMarshalling.Utf8)]
    public static partial DomainHandle DomainLookupByName(ConnectHandle connection, string name);

    [LibraryImport(Library, EntryPoint = "virDomainFree")]
    public static partial int DomainFree(nint domain);

    [LibraryImport(Library, EntryPoint = "virDomainCreate")]
    public static partial int DomainCreate(DomainHandle domain);

    [LibraryImport(Library, EntryPoint = "virDomainDestroy")]
    public static partial int DomainDestroy(DomainHandle domain);

    [LibraryImport(Library, EntryPoint = "virDomainUndefine")]
    public static partial int DomainUndefine(DomainHandle domain);

    [LibraryImport(Library, EntryPoint = "virDomainShutdownFlags")]
    public static partial int DomainShutdownFlags(DomainHandle domain, uint flags);

    [LibraryImport(Library, EntryPoint = "virDomainIsActive")]
    public static partial int DomainIsActive(DomainHandle domain);

    [LibraryImport(Library, EntryPoint = "virDomainGetName")]
    public static partial nint DomainGetName(nint domain);

    [LibraryImport(Library, EntryPoint = "virDomainGetXMLDesc")]
    public static partial nint DomainGetXmlDesc(DomainHandle domain, uint flags);

    [LibraryImport(Library, EntryPoint = "virDomainGetVcpusFlags")]
    public static partial int DomainGetVcpusFlags(DomainHandle domain, uint flags);

    [LibraryImport(Library, EntryPoint = "virDomainSetVcpusFlags")]
    public static partial int DomainSetVcpusFlags(DomainHandle domain, uint count, uint flags);

    [LibraryImport(Library, EntryPoint = "virDomainPinVcpu")]
    public static partial int DomainPinVcpu(DomainHandle domain, uint vcpu, byte* cpuMap, int mapLength);

    [LibraryImport(Library, EntryPoint = "virSetErrorFunc")]
    public static partial void SetErrorFunc(nint userData, nint handler);

    [LibraryImport(Library, EntryPoint = "virGetLastErrorMessage")]
    public static partial nint GetLastErrorMessage();

    [LibraryImport(Library, EntryPoint = "virGetLastErrorCode")]
    public static partial int GetLastErrorCode();

    [LibraryImport("libc", EntryPoint = "free")]
    public static partial void Free(nint pointer);
}
