using Hotset.Client;

namespace Hotset.Bench.Hosts;

/// <summary>The fields of the engine's VM representation the harness waits on (-1: not known).</summary>
public sealed record EngineVm(string Status, int Sockets, int VcpuCount, int GuestCpuCount)
{
    public static EngineVm From(Vm vm) => new(vm.Status, vm.Topology.Sockets, vm.VcpuCount ?? -1, vm.GuestCpuCount ?? -1);
}
