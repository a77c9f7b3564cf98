using System.Collections.Concurrent;

namespace Hotset.Agent.Hypervisor.Simulated;

/// <summary>Pinning for simulated VMs: their "vCPU threads" do not exist, so the pins are only recorded.</summary>
internal sealed class SimulatedThreadAffinity : IThreadAffinity
{
    public ConcurrentDictionary<int, IReadOnlySet<int>> Pins { get; } = new();

    public void SetAffinity(int threadId, IReadOnlySet<int> hostCpus) => Pins[threadId] = hostCpus;
}
