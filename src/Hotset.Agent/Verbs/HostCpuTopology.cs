using System.Globalization;
using Hotset.Core.Vms;

namespace Hotset.Agent.Verbs;

/// <summary>
/// The host's CPUs as VDSM counts them: sockets, cores and threads are totals over the online CPUs, read from
/// <c>/sys/devices/system/cpu</c> (<c>online</c>, <c>cpuN/topology/physical_package_id</c> and <c>core_id</c>).
/// </summary>
internal sealed record HostCpuTopology(int Sockets, int Cores, int Threads, IReadOnlyList<int> OnlineCpus)
{
    public const string SysRoot = "/sys/devices/system/cpu";

    public static HostCpuTopology Read(string root = SysRoot)
    {
        var onlineFile = Path.Combine(root, "online");
        IReadOnlyList<int> online = File.Exists(onlineFile) && CpuSet.TryParse(File.ReadAllText(onlineFile), out var set)
            ? [.. set]
            : [.. Enumerable.Range(0, Environment.ProcessorCount)];

        var sockets = new HashSet<int>();
        var cores = new HashSet<(int Socket, int Core)>();
        foreach (var cpu in online)
        {
            var topology = Path.Combine(root, $"cpu{cpu}", "topology");
            var socket = ReadId(Path.Combine(topology, "physical_package_id")) ?? 0;
            var core = ReadId(Path.Combine(topology, "core_id")) ?? cpu;
            sockets.Add(socket);
            cores.Add((socket, core));
        }

        return new HostCpuTopology(Math.Max(1, sockets.Count), Math.Max(1, cores.Count), Math.Max(1, online.Count), online);
    }

    private static int? ReadId(string path) =>
        File.Exists(path) && int.TryParse(File.ReadAllText(path).Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id)
            ? id
            : null;
}
