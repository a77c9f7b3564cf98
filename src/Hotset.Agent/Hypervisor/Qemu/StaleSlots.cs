namespace Hotset.Agent.Hypervisor.Qemu;

/// <summary>
/// QEMU refused a <see cref="Command"/> because the vCPU slots changed behind the agent's back (read again:
/// <see cref="Fresh"/>). The change may be tried once more from there; a second refusal is final: <see cref="Refusal"/>.
/// </summary>
internal sealed record StaleSlots(string Command, string Reason, string Refusal, IReadOnlyList<VcpuSlot> Fresh);
