using Hotset.Core.Agent;
using Hotset.Core.Vms;

namespace Hotset.Engine.Vms;

/// <summary>
/// One vNUMA cell of a VM (oVirt's <c>vm_numa_node</c>): its <see cref="Index"/>, the vCPUs it holds, its memory in MiB
/// and the host NUMA nodes it is pinned to (stored and shown; Hotset's hosts do not place memory by them yet).
/// </summary>
public sealed record VmNumaNode(Guid Id, int Index, IReadOnlyList<int> Cpus, int MemoryMiB, IReadOnlyList<int> HostNodes)
{
    public NumaNode ToCore() => new(Index, Cpus);

    public GuestNumaNode ToAgent() => new() { NodeIndex = Index, Cpus = string.Join(',', Cpus), MemoryMiB = MemoryMiB };
}
