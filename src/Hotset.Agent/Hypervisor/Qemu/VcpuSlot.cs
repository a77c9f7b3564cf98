using System.Text.Json.Nodes;

namespace Hotset.Agent.Hypervisor.Qemu;

/// <summary>
/// One entry of <c>query-hotpluggable-cpus</c>: the slot's <see cref="Props"/> (what <c>device_add</c> needs), and
/// the <see cref="QomPath"/> of the vCPU in it, if any.
/// </summary>
public sealed record VcpuSlot(int Index, string Type, JsonObject Props, string? QomPath)
{
    private const string Peripheral = "/machine/peripheral/";

    public bool Plugged => QomPath is not null;

    /// <summary>The device id of a vCPU that was plugged as a device (and so can be unplugged); null otherwise.</summary>
    public string? DeviceId => QomPath is { } p && p.StartsWith(Peripheral, StringComparison.Ordinal) ? p[Peripheral.Length..] : null;

    public static IReadOnlyList<VcpuSlot> Parse(JsonNode? hotpluggable, VcpuTopology topology) =>
        [.. (hotpluggable as JsonArray ?? []).OfType<JsonObject>().Select(o =>
        {
            var props = o["props"] as JsonObject ?? [];
            var index = topology.IndexOf(Int(props, "socket-id"), Int(props, "core-id"), Int(props, "thread-id"));
            return new VcpuSlot(index, o["type"]?.GetValue<string>() ?? "", props, o["qom-path"]?.GetValue<string>());
        }).OrderBy(s => s.Index)];

    /// <summary>The free slots to plug next: the lowest free indexes below <paramref name="maxVcpus"/>.</summary>
    public static IReadOnlyList<VcpuSlot> ToPlug(IReadOnlyList<VcpuSlot> slots, int count, int maxVcpus) =>
        [.. slots.Where(s => !s.Plugged && s.Index < maxVcpus).OrderBy(s => s.Index).Take(count)];

    /// <summary>The vCPUs to unplug: the highest-indexed ones that were plugged as devices.</summary>
    public static IReadOnlyList<VcpuSlot> ToUnplug(IReadOnlyList<VcpuSlot> slots, int count) =>
        [.. slots.Where(s => s.DeviceId is not null).OrderByDescending(s => s.Index).Take(count)];

    private static int Int(JsonObject props, string name) => props[name]?.GetValue<int>() ?? 0;
}
