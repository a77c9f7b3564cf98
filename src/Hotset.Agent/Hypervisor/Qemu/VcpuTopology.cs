using Hotset.Core.Agent;

namespace Hotset.Agent.Hypervisor.Qemu;

/// <summary>
/// The vCPU slots QEMU offers a VM: <see cref="Slots"/> = the budget rounded down to whole sockets of
/// <see cref="Cores"/> × <see cref="Threads"/>. Slot index = (socket × cores + core) × threads + thread, the vCPU
/// index pinning and the guest use; slot 0 is the boot vCPU and never leaves.
/// </summary>
public sealed record VcpuTopology(int Cores, int Threads, int Slots)
{
    public int Sockets => Slots / (Cores * Threads);

    public static VcpuTopology For(VmDefinition definition, int budget)
    {
        var perSocket = definition.CoresPerSocket * definition.ThreadsPerCore;
        return new VcpuTopology(definition.CoresPerSocket, definition.ThreadsPerCore, budget / perSocket * perSocket);
    }

    public int IndexOf(int socket, int core, int thread) => ((socket * Cores) + core) * Threads + thread;

    public (int Socket, int Core, int Thread) SlotOf(int index) =>
        (index / (Cores * Threads), index / Threads % Cores, index % Threads);

    /// <summary>The device id Hotset gives the vCPU in slot <paramref name="index"/>.</summary>
    public static string DeviceId(int index) => $"vcpu{index}";
}
