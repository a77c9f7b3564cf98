using Hotset.Core.Faults;

namespace Hotset.Core.Vms;

/// <summary>
/// The one order faults are reported in, without duplicates: SPEC §4's order of the rules — the limits on the request
/// itself first (max CPUs, sockets, cores per socket, threads, the minimums, the guest OS minimum, what the VM could
/// start with), then what the VM's state refuses (pinning policy, pinning, NUMA, the started max), and the capacity of
/// the host last; faults of the same rule, and codes not ranked here, by code and then message (ordinal). The API
/// answers with the status of the first fault, so a caller who must fix the request hears that first.
/// </summary>
internal static class FaultOrder
{
    private static readonly string[] Ranked =
    [
        "MAX_NUM_CPU_EXCEEDED",
        "MAX_NUM_SOCKETS_EXCEEDED",
        "MAX_NUM_CPU_PER_SOCKET_EXCEEDED",
        "MAX_NUM_THREADS_PER_CPU_EXCEEDED",
        "MIN_NUM_SOCKETS",
        "MIN_NUM_CPU_PER_SOCKET",
        "MIN_NUM_THREADS_PER_CPU",
        "GUEST_OS_MIN_CPUS",
        "CPU_TOPOLOGY_NOT_STARTABLE",
        "MAX_VCPUS_OVERRIDE_BELOW_VCPUS",
        "MAX_VCPUS_OVERRIDE_NOT_WHOLE_SOCKETS",
        "MAX_VCPUS_OVERRIDE_TOO_HIGH",
        "CPU_HOT_PLUG_NOT_SUPPORTED_WITH_PINNING_POLICY",
        "CPU_PINNING_FORMAT_INVALID",
        "CPU_PINNING_VCPU_DOES_NOT_EXIST",
        "NUMA_NODES_MORE_THAN_CPUS",
        "NUMA_INVALID_CPU_INDEX",
        "CPU_ABOVE_STARTED_MAX",
        "CPUS_NOT_AVAILABLE_ON_HOST",
    ];

    public static IReadOnlyList<Fault> Sort(IEnumerable<Fault> faults) =>
    [
        .. faults.Distinct()
            .OrderBy(f => Rank(f.Code))
            .ThenBy(f => f.Code, StringComparer.Ordinal)
            .ThenBy(f => f.Message, StringComparer.Ordinal),
    ];

    /// <summary>The place of <paramref name="code"/> in SPEC §4's order; codes not ranked come after all ranked ones.</summary>
    public static int Rank(string code)
    {
        var index = Array.IndexOf(Ranked, code);
        return index < 0 ? Ranked.Length : index;
    }
}
