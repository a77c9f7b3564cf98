using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Hotset.Agent.Hypervisor;

/// <summary>
/// Pins one host thread (a QEMU vCPU thread, from <see cref="IVcpuControl.GetVcpuThreadsAsync"/>) to a set of host
/// CPUs with <c>sched_setaffinity</c>, like libvirt's <c>vcpupin</c>. Host CPU ids up to 1023.
/// </summary>
public sealed partial class VcpuPinner : IThreadAffinity
{
    private const int MaskWords = 16;

    /// <summary>Restricts thread <paramref name="threadId"/> to <paramref name="hostCpus"/>; throws <see cref="HypervisorException"/> when the kernel refuses.</summary>
    public void SetAffinity(int threadId, IReadOnlySet<int> hostCpus)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(threadId);
        var mask = new ulong[MaskWords];
        foreach (var cpu in hostCpus)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(cpu);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(cpu, MaskWords * 64);
            mask[cpu / 64] |= 1UL << (cpu % 64);
        }

        if (SchedSetAffinity(threadId, (nuint)(MaskWords * sizeof(ulong)), mask) != 0)
        {
            var error = new Win32Exception(Marshal.GetLastPInvokeError()).Message;
            throw new HypervisorException(
                $"Cannot pin thread {threadId} to host CPUs {string.Join(',', hostCpus.Order())}: {error} (do these CPUs exist and is the thread still running?).");
        }
    }

    /// <summary>Host CPUs thread <paramref name="threadId"/> may run on now.</summary>
    public IReadOnlySet<int> GetAffinity(int threadId)
    {
        var mask = new ulong[MaskWords];
        if (SchedGetAffinity(threadId, (nuint)(MaskWords * sizeof(ulong)), mask) != 0)
        {
            throw new HypervisorException($"Cannot read the CPU affinity of thread {threadId}: {new Win32Exception(Marshal.GetLastPInvokeError()).Message}.");
        }

        var cpus = new SortedSet<int>();
        for (var cpu = 0; cpu < MaskWords * 64; cpu++)
        {
            if ((mask[cpu / 64] & (1UL << (cpu % 64))) != 0)
            {
                cpus.Add(cpu);
            }
        }

        return cpus;
    }

    [DllImport("libc", EntryPoint = "sched_setaffinity", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SchedSetAffinity(int pid, nuint size, ulong[] mask);

    [DllImport("libc", EntryPoint = "sched_getaffinity", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SchedGetAffinity(int pid, nuint size, [Out] ulong[] mask);
}
