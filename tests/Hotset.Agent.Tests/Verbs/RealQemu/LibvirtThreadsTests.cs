using Hotset.Agent.Hypervisor.Libvirt;

namespace Hotset.Agent.Tests.Verbs.RealQemu;

/// <summary>
/// The seed's "CPU thread" test (<see cref="RealQemuThreadsTests"/>) run by the libvirt driver on a private libvirtd: the
/// guest sees the plugged socket's two threads as threads of one core, as it does under the QEMU driver.
/// </summary>
[Collection(RealQemuGroup.Name)]
public sealed class LibvirtThreadsTests : RealQemuThreadsTests
{
    protected override string Driver => LibvirtHypervisor.Name;
}
