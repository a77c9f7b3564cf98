using Hotset.Core.Faults;
using Hotset.Core.Vms;
using Hotset.Engine.Hosts;
using Host = Hotset.Engine.Hosts.Host;

namespace Hotset.Engine.Api.Vms;

/// <summary>
/// Manual CPU pinning (<c>cpu_tune/vcpu_pins</c>) checked against real host CPUs before anything is stored: a running
/// VM's pins must name CPUs online on the host it runs on; a VM that is down must fit at least one host of its cluster.
/// Hosts that never reported their CPUs are not judged (the agent checks again when it starts the VM). The pinning is
/// parsed in linear time and bounded (<see cref="CpuSet.MaxCpuId"/>, <see cref="CpuPinning.MaxPinnedPairs"/>); one
/// that does not parse is left to the update's own validation, which names the problem.
/// </summary>
public static class VmPinningHostCheck
{
    /// <summary>Most hosts a fault lists by name; the rest are counted.</summary>
    private const int HostsNamed = 5;

    /// <summary>A 400 fault when <paramref name="pinning"/> names CPUs the VM's host (or every host of its cluster) lacks.</summary>
    /// <remarks><paramref name="adding"/> words the fault for a new VM (<c>Cannot add VM.</c>).</remarks>
    public static async Task<IResult?> FaultAsync(string vmName, Guid clusterId, Guid? runOnHostId, string? pinning,
        bool adding, IHostStore hosts, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(pinning) || !CpuPinning.TryParse(pinning, out var pins, out _))
        {
            return null;
        }

        if (runOnHostId is { } hostId)
        {
            return await hosts.GetAsync(hostId, ct) is { } host && Check(vmName, pins, [host], runsThere: true) is { } fault
                ? FaultResults.Fault(fault)
                : null;
        }

        var candidates = (await hosts.ListAsync(ct)).Where(h => h.ClusterId == clusterId).ToList();
        return Check(vmName, pins, candidates, runsThere: false, adding) is { } clusterFault ? FaultResults.Fault(clusterFault) : null;
    }

    /// <summary>
    /// Null when one of <paramref name="hosts"/> has every pinned CPU online, or none of them reported its CPUs;
    /// else the fault, naming each host's online CPUs. <paramref name="runsThere"/>: the one host is where the VM runs.
    /// </summary>
    public static Fault? Check(string vmName, CpuPinning pins, IReadOnlyList<Host> hosts, bool runsThere, bool adding = false)
    {
        var reported = hosts.Where(h => h.Capabilities is { OnlineCpus.Count: > 0 }).ToList();
        if (reported.Count == 0 || reported.Any(h => Missing(pins, h).Count == 0))
        {
            return null;
        }

        var first = reported[0];
        var missing = Missing(pins, first);
        var where = runsThere
            ? $"host '{first.Name}', where VM '{vmName}' runs, does not have {CpuSet.Format(missing)} (its online CPUs are {Online(first)})"
            : "no host of its cluster has them all (" + string.Join("; ",
                reported.Take(HostsNamed).Select(h => $"'{h.Name}' has {Online(h)}"))
                + (reported.Count > HostsNamed ? $"; {reported.Count - HostsNamed} more" : "") + ")";
        return new Fault("CPU_PINNING_HOST_CPU_MISSING", FaultKind.BadRequest,
            $"Cannot {(adding ? "add" : "edit")} VM. CPU pinning of VM '{vmName}' names host CPUs {CpuSet.Format(AllPinned(pins))}, but {where}. " +
            "Pin the vCPUs to CPUs the host has (GET /ovirt-engine/api/hosts/{id} shows its topology).");
    }

    private static SortedSet<int> AllPinned(CpuPinning pins) => [.. pins.VcpuToHostCpus.Values.SelectMany(c => c)];

    private static List<int> Missing(CpuPinning pins, Host host)
    {
        var online = host.Capabilities!.OnlineCpus.ToHashSet();
        return [.. AllPinned(pins).Where(cpu => !online.Contains(cpu))];
    }

    private static string Online(Host host) => CpuSet.Format(host.Capabilities!.OnlineCpus);
}
