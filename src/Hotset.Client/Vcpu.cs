using System.Text.Json;

namespace Hotset.Client;

/// <summary>
/// One vCPU slot of a VM (<c>GET /vms/{id}/vcpus</c>). <see cref="Online"/> and <see cref="HostThreadId"/> are null
/// when unknown; <see cref="Pinning"/> (host CPU set) is null when the vCPU is not pinned; <see cref="NumaNode"/> (the
/// index of its vNUMA cell) is null when the VM has no cells.
/// </summary>
public sealed record Vcpu(int Index, int Socket, int Core, int Thread, bool Plugged, bool? Online, long? HostThreadId, string? Pinning,
    int? NumaNode = null)
{
    internal static Vcpu From(JsonElement v) => new(v.Int("index") ?? 0, v.Int("socket") ?? 0, v.Int("core") ?? 0,
        v.Int("thread") ?? 0, v.Bool("plugged") ?? false, v.Bool("online"), v.Long("host_thread_id"), v.Text("pinning"),
        v.Int("numa_node"));
}
