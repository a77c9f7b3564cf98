using Hotset.Agent.Hypervisor.Libvirt;

namespace Hotset.Agent.Tests.Verbs.RealQemu;

/// <summary>The agent's real-QEMU lifecycle scenarios (<see cref="RealQemuAgentTests"/>: agent restart, shutdown, refused calls) on the libvirt driver.</summary>
[Collection(RealQemuGroup.Name)]
public sealed class LibvirtAgentTests : RealQemuAgentTests
{
    protected override string Driver => LibvirtHypervisor.Name;
}
