using Hotset.Engine.Api.Representations;
using Hotset.Engine.Vms;

namespace Hotset.Engine.Api.Vms;

/// <summary>
/// Reads a <c>&lt;vm_numa_node&gt;</c> body. POST needs <c>index</c> (default: one past the highest), <c>memory</c> (MiB)
/// and <c>cpu/cores</c>; PUT changes only the elements present. <c>core</c> and <c>numa_node_pin</c> take their index
/// as an element (v4) or an attribute (v3).
/// </summary>
public static class VmNumaNodeInput
{
    public static InputShape Shape { get; } = new("vm_numa_node")
    {
        "index", "memory", "name", "description", "comment", "node_distance", "numa_tune_mode",
        new InputShape("cpu") { new InputShape("cores") { new InputShape("core") { "index" } } },
        new InputShape("numa_node_pins")
        {
            new InputShape("numa_node_pin") { "index", "pinned", new InputShape("host_numa_node") { "index" } },
        },
        new InputShape("vm") { "name" },
    };

    /// <summary><paramref name="body"/> applied to <paramref name="node"/> (a new cell when null).</summary>
    public static VmNumaNode Apply(Node body, VmNumaNode? node, IReadOnlyList<VmNumaNode> others, InputErrors errors)
    {
        var index = errors.WholeNumber(body.Value("index"), "index", min: 0)
            ?? node?.Index ?? (others.Count == 0 ? 0 : others.Max(n => n.Index) + 1);
        var memory = errors.WholeNumber(body.Value("memory"), "memory", min: 0) ?? node?.MemoryMiB;
        if (memory is null)
        {
            errors.Add("A NUMA node needs its memory (in MB).");
        }

        var cores = body.Child("cpu")?.Child("cores");
        var cpus = cores is null ? node?.Cpus : Indexes(cores.All("core"), "cpu/cores/core/index", errors);
        if (cpus is null)
        {
            errors.Add("A NUMA node needs its CPUs (cpu/cores/core/index).");
        }

        var pins = body.Child("numa_node_pins") is { } p
            ? Indexes(p.All("numa_node_pin"), "numa_node_pins/numa_node_pin/index", errors)
            : node?.HostNodes ?? [];
        return new VmNumaNode(node?.Id ?? Guid.NewGuid(), index, cpus ?? [], memory ?? 0, pins);
    }

    private static List<int> Indexes(IEnumerable<Node> items, string what, InputErrors errors)
    {
        var indexes = new List<int>();
        foreach (var item in items)
        {
            var text = item.Value("index") ?? item.Child("host_numa_node")?.Value("index");
            if (errors.WholeNumber(text ?? "", what, min: 0) is { } index)
            {
                indexes.Add(index);
            }
        }

        return [.. indexes.Distinct().Order()];
    }
}
