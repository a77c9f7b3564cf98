using System.Collections.Concurrent;
using Hotset.Agent.Hypervisor.Libvirt.Native;

namespace Hotset.Agent.Hypervisor.Libvirt;

/// <summary>
/// Pinning on the libvirt driver: <c>virDomainPinVcpu</c>, so that libvirt knows the pins (<c>virsh vcpupin</c> shows
/// them) and applies them itself. The agent pins by vCPU thread id (<see cref="IThreadAffinity"/>); the vCPU threads
/// the driver reported last say which domain and vCPU a thread is. A thread it does not know is pinned directly.
/// </summary>
internal sealed class LibvirtVcpuPins(VcpuPinner fallback) : IThreadAffinity
{
    private readonly ConcurrentDictionary<int, (LibvirtDomainRef Domain, int Vcpu)> _threads = new();

    /// <summary>Remembers which vCPU of <paramref name="domain"/> each thread runs (after every read of the threads).</summary>
    public void Record(LibvirtDomainRef domain, IEnumerable<VcpuThread> threads)
    {
        foreach (var gone in _threads.Where(t => t.Value.Domain.Name == domain.Name).Select(t => t.Key))
        {
            _threads.TryRemove(gone, out _);
        }

        foreach (var thread in threads.Where(t => t.ThreadId > 0))
        {
            _threads[thread.ThreadId] = (domain, thread.Index);
        }
    }

    public unsafe void SetAffinity(int threadId, IReadOnlySet<int> hostCpus)
    {
        if (!_threads.TryGetValue(threadId, out var vcpu))
        {
            fallback.SetAffinity(threadId, hostCpus);
            return;
        }

        var map = new byte[(hostCpus.DefaultIfEmpty(0).Max() / 8) + 1];
        foreach (var cpu in hostCpus)
        {
            map[cpu / 8] |= (byte)(1 << (cpu % 8));
        }

        try
        {
            vcpu.Domain.Call(d =>
            {
                fixed (byte* bytes = map)
                {
                    return LibvirtNative.DomainPinVcpu(d, (uint)vcpu.Vcpu, bytes, map.Length) < 0
                        ? throw LibvirtError.Exception($"libvirt refused to pin vCPU {vcpu.Vcpu} to host CPUs {string.Join(',', hostCpus.Order())}")
                        : 0;
                }
            });
        }
        catch (LibvirtCallException e)
        {
            throw new HypervisorException(e.Message, e);
        }
    }
}
