using Hotset.Core.Agent;
using Hotset.Core.Vms;

namespace Hotset.Engine.Vms.Preview;

/// <summary>
/// One vCPU slot: where it sits in the topology, whether the hypervisor has it (<paramref name="Plugged"/>), whether
/// the guest has it online and its host thread (null when unknown), its pinning (host CPU set, null for none), and the
/// index of its vNUMA cell (null when the VM has no cells; see <see cref="NumaCells"/>).
/// </summary>
public sealed record VcpuSlot(int Index, int Socket, int Core, int Thread, bool Plugged, bool? Online, int? HostThreadId,
    string? Pinning, int? NumaNode = null);

/// <summary>
/// The vCPU table of a VM, purely from the VM, its slot count and what its host reported just now (null: the VM is
/// down or the host did not answer in time).
/// </summary>
public static class VcpuTable
{
    /// <summary>Upper bound on the rows, whatever the VM's max says.</summary>
    public const int MaxSlots = 4096;

    public static IReadOnlyList<VcpuSlot> Create(Vm vm, int maxVCpus, VmStats? stats)
    {
        var topology = vm.Configuration.Topology;
        var running = vm.Status != VmStatus.Down;
        var plugged = !running ? 0
            : stats is { VcpuCount: >= 0 } ? stats.VcpuCount
            : vm.VcpuCount >= 0 ? vm.VcpuCount
            : topology.VCpus;
        var online = running && stats is { GuestCpuCount: >= 0 } guest ? guest.GuestCpusOnline.ToHashSet() : null;
        var threads = running ? stats?.VcpuThreadIds ?? [] : [];
        var pinning = CpuPinning.TryParse(vm.Configuration.CpuPinning ?? "", out var pins, out _) ? pins : CpuPinning.Empty;
        var (perSocket, threadsPerCore) = (topology.CpusPerSocket, topology.Threads);
        var count = Math.Clamp(Math.Max(maxVCpus, running ? plugged : 0), 0, MaxSlots);
        var cells = NumaCells.AssignIndexes([.. vm.NumaNodes.Select(n => n.ToCore())], count);
        var slots = new VcpuSlot[count];
        for (var i = 0; i < count; i++)
        {
            var isPlugged = i < plugged;
            slots[i] = new VcpuSlot(i, i / perSocket, i % perSocket / threadsPerCore, i % threadsPerCore, isPlugged,
                isPlugged && online is not null ? online.Contains(i) : null,
                isPlugged && i < threads.Count ? threads[i] : null,
                pinning.VcpuToHostCpus.TryGetValue(i, out var cpus) ? CpuSet.Format(cpus) : null,
                cells.Count > i ? cells[i] : null);
        }

        return slots;
    }
}
