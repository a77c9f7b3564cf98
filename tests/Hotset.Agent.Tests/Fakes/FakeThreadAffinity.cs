using Hotset.Agent.Hypervisor;

namespace Hotset.Agent.Tests.Fakes;

/// <summary>Records pins instead of calling <c>sched_setaffinity</c>.</summary>
internal sealed class FakeThreadAffinity : IThreadAffinity
{
    public List<(int ThreadId, IReadOnlySet<int> HostCpus)> Pins { get; } = [];

    /// <summary>When set, every pin fails with this text, as <c>sched_setaffinity</c> can.</summary>
    public string? Fail { get; set; }

    public void SetAffinity(int threadId, IReadOnlySet<int> hostCpus)
    {
        if (Fail is { } failure)
        {
            throw new HypervisorException(failure);
        }

        lock (Pins)
        {
            Pins.Add((threadId, hostCpus));
        }
    }
}
