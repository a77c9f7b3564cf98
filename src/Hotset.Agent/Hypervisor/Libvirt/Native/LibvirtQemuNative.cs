using System.Runtime.InteropServices;

namespace Hotset.Agent.Hypervisor.Libvirt.Native;

/// <summary>libvirt's QEMU passthrough (<c>libvirt-qemu.so.0</c>): QMP on the domain's monitor, and its guest agent.</summary>
internal static partial class LibvirtQemuNative
{
    private const string Library = "libvirt-qemu.so.0";

    [LibraryImport(Library, EntryPoint = "virDomainQemuMonitorCommand", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int DomainQemuMonitorCommand(DomainHandle domain, string command, out nint result, uint flags);

    [LibraryImport(Library, EntryPoint = "virDomainQemuAgentCommand", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint DomainQemuAgentCommand(DomainHandle domain, string command, int timeoutSeconds, uint flags);
}
