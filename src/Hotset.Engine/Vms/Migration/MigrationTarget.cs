using Hotset.Core.Faults;
using Hotset.Core.Vms;
using Hotset.Engine.Clusters;
using Hotset.Engine.Hosts;
using Hotset.Engine.Vms.Commands;
using Host = Hotset.Engine.Hosts.Host;

namespace Hotset.Engine.Vms.Migration;

/// <summary>
/// Where a VM may migrate, decided purely from the VM, its source, the hosts and the VMs placed on them. A named
/// destination is checked; without one, the Up host of the VM's cluster (not the source) with the most free vCPUs
/// that fits is chosen. Either way the destination must pass SPEC §4's capacity rule for the VM's current sockets ×
/// cores, and its hypervisor must allow the VM's start-time max vCPUs.
/// </summary>
public static class MigrationTarget
{
    /// <param name="requested">The host the caller named; null lets the engine choose.</param>
    /// <param name="placed">Every VM placed on a host of the cluster (any status), for free vCPUs and dedicated CPUs.</param>
    public static (Host? Destination, IReadOnlyList<Fault> Faults) Choose(Vm vm, Host source, Host? requested,
        IReadOnlyList<Host> hosts, Cluster cluster, IReadOnlyList<Vm> placed)
    {
        if (requested is not null)
        {
            var faults = Check(vm, source, requested, cluster, placed);
            return (faults.Count == 0 ? requested : null, faults);
        }

        var candidates = hosts.Where(h => h.ClusterId == cluster.Id && h.Id != source.Id && h.Status == HostStatus.Up).ToList();
        if (candidates.Count == 0)
        {
            return (null, [MigrationFaults.NoOtherHost(vm, cluster.Name)]);
        }

        var best = candidates
            .Where(h => Check(vm, source, h, cluster, placed).Count == 0)
            .OrderByDescending(h => FreeVCpus(h, cluster, placed, vm.Id))
            .ThenBy(h => h.Name, StringComparer.Ordinal)
            .FirstOrDefault();
        return best is null ? (null, [MigrationFaults.NoHostWithRoom(vm, cluster.Name, candidates)]) : (best, []);
    }

    /// <summary>Every reason <paramref name="destination"/> cannot take <paramref name="vm"/> now.</summary>
    public static IReadOnlyList<Fault> Check(Vm vm, Host source, Host destination, Cluster cluster, IReadOnlyList<Vm> placed)
    {
        if (destination.Id == source.Id)
        {
            return [MigrationFaults.SameHost(vm, destination)];
        }

        if (destination.ClusterId != vm.ClusterId)
        {
            return [MigrationFaults.OtherCluster(vm, destination)];
        }

        if (destination.Status != HostStatus.Up)
        {
            return [MigrationFaults.DestinationNotUp(destination)];
        }

        var faults = new List<Fault>();
        var capacity = Room(destination, cluster, placed, vm.Id);
        if (!capacity.Fits(vm.Configuration.Topology))
        {
            faults.Add(MigrationFaults.DestinationTooSmall(vm, destination, capacity.AvailableCpus));
        }

        if (destination.Capabilities is { MaxVCpus: > 0 } caps && caps.MaxVCpus < vm.StartedMaxVCpus)
        {
            faults.Add(MigrationFaults.DestinationMaxTooLow(vm, destination, caps.MaxVCpus));
        }

        return faults;
    }

    /// <summary>Room (SPEC §4) less the vCPUs of the other VMs placed there that share the host's CPUs.</summary>
    public static long FreeVCpus(Host host, Cluster cluster, IReadOnlyList<Vm> placed, Guid vmId) =>
        Room(host, cluster, placed, vmId).AvailableCpus - placed
            .Where(v => v.Id != vmId && v.RunOnHostId == host.Id && v.Status != VmStatus.Down
                && !v.Configuration.CpuPinningPolicy.IsExclusive())
            .Sum(v => (long)v.Configuration.Topology.VCpus);

    private static HostCpuCapacity Room(Host host, Cluster cluster, IReadOnlyList<Vm> placed, Guid vmId) =>
        HostRoom.For(host, cluster, placed.Where(v => v.Id != vmId && v.RunOnHostId == host.Id));
}
