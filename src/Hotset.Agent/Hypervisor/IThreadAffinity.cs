namespace Hotset.Agent.Hypervisor;

/// <summary>Restricts one host thread (a vCPU thread of QEMU) to a set of host CPUs (<c>sched_setaffinity</c>).</summary>
internal interface IThreadAffinity
{
    void SetAffinity(int threadId, IReadOnlySet<int> hostCpus);
}
