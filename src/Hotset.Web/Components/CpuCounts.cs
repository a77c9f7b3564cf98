using Hotset.Client;

namespace Hotset.Web.Components;

/// <summary>
/// The three CPU counts of a VM in words: configured (its topology), hypervisor (<c>vcpu_count</c>, vCPUs plugged)
/// and guest (<c>guest_cpu_count</c>, CPUs the guest OS has online), with a mismatch spelled out.
/// </summary>
public static class CpuCounts
{
    public static int? Known(int? count) => count is >= 0 ? count : null;

    public static string Hypervisor(Vm vm) => Known(vm.VcpuCount) is { } n
        ? n == vm.Topology.Vcpus ? Text(n) : $"{Text(n)} of {Text(vm.Topology.Vcpus)} plugged"
        : "—";

    public static string Guest(Vm vm)
    {
        if (Known(vm.GuestCpuCount) is not { } guest)
        {
            return vm.Status == "down" ? "—" : "unknown";
        }

        var plugged = Known(vm.VcpuCount) ?? vm.Topology.Vcpus;
        return guest == plugged ? Text(guest) : $"guest: {Text(guest)} of {Text(plugged)} online";
    }

    public static bool Mismatch(Vm vm) =>
        (Known(vm.VcpuCount) is { } n && n != vm.Topology.Vcpus)
        || (Known(vm.GuestCpuCount) is { } g && g != (Known(vm.VcpuCount) ?? vm.Topology.Vcpus));

    public static string Topology(CpuTopology t) => $"{Text(t.Sockets)} × {Text(t.Cores)} × {Text(t.Threads)}";

    private static string Text(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
