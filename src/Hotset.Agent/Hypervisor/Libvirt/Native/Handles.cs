using System.Runtime.InteropServices;

namespace Hotset.Agent.Hypervisor.Libvirt.Native;

/// <summary>A <c>virConnectPtr</c>; closed when released.</summary>
internal sealed class ConnectHandle : SafeHandle
{
    public ConnectHandle()
        : base(0, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle() => LibvirtNative.ConnectClose(handle) >= 0;
}

/// <summary>A <c>virDomainPtr</c>; freed (not destroyed) when released.</summary>
internal sealed class DomainHandle : SafeHandle
{
    public DomainHandle()
        : base(0, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle() => LibvirtNative.DomainFree(handle) == 0;
}
