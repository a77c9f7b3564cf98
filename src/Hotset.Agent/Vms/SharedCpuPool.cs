using Hotset.Core.Agent;

namespace Hotset.Agent.Vms;

/// <summary>
/// The host CPUs that vCPUs without a pin of their own run on (SPEC §10): the host's online CPUs minus the ones VMs
/// with an exclusive policy (<c>dedicated</c>, <c>isolate_threads</c>) are pinned to.
/// </summary>
internal static class SharedCpuPool
{
    public static IReadOnlySet<int> Of(IReadOnlyList<int> onlineHostCpus, IEnumerable<VmDefinition> otherVms)
    {
        var pool = new SortedSet<int>(onlineHostCpus);
        foreach (var vm in otherVms.Where(v => v.CpuPolicy is "dedicated" or "isolate_threads"))
        {
            if (VcpuPinning.TryParse(vm.CpuPinning, out var pins, out _))
            {
                pool.ExceptWith(pins.Values.SelectMany(c => c));
            }
        }

        return pool;
    }
}
