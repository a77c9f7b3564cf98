using Hotset.Agent.Vms;

namespace Hotset.Agent.Tests.Fakes;

/// <summary>Records pins instead of calling <c>sched_setaffinity</c>.</summary>
internal sealed class FakeThreadAffinity : IThreadAffinity
{
    public List<(int ThreadId, IReadOnlySet<int> HostCpus)> Pins { get; } = [];

    public void SetAffinity(int threadId, IReadOnlySet<int> hostCpus)
    {
        lock (Pins)
        {
            Pins.Add((threadId, hostCpus));
        }
    }
}
