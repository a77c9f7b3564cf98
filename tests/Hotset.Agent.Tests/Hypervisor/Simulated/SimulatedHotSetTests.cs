using Hotset.Agent.Hypervisor.Simulated;
using Hotset.Agent.Tests.Verbs.RealQemu;

namespace Hotset.Agent.Tests.Hypervisor.Simulated;

/// <summary>
/// The simulated hypervisor passes the same <c>VM.setNumberOfCpus</c> scenarios as the QEMU and libvirt drivers
/// (<see cref="HotSetVerbTests"/>), through the same verbs and with its default latencies. Simulated: no QEMU runs;
/// this shows the simulation answers as a real host does, never that the real path works.
/// </summary>
public sealed class SimulatedHotSetTests : HotSetVerbTests
{
    protected override string Driver => SimulatedHypervisor.Name;
}
