using Hotset.Engine.Api.Representations;
using Hotset.Engine.Vms;

namespace Hotset.Engine.Api.Vms;

/// <summary>
/// oVirt's <c>vm_numa_node</c>: <c>index</c>, <c>memory</c> (MiB), <c>cpu/cores/core/index</c>,
/// <c>numa_node_pins/numa_node_pin/index</c> and the link to its VM.
/// </summary>
public static class VmNumaNodeRepresentation
{
    public static Node ToList(Vm vm) =>
        Node.Collection("vm_numa_nodes", "vm_numa_node", vm.NumaNodes.OrderBy(n => n.Index).Select(n => ToNode(vm, n)));

    public static Node ToNode(Vm vm, VmNumaNode node)
    {
        var id = node.Id.ToString();
        return new Node("vm_numa_node").Attr("href", $"{ApiPaths.Root}/vms/{vm.Id}/numanodes/{id}").Attr("id", id)
            .Add("index", node.Index)
            .Add("memory", node.MemoryMiB)
            .Add(new Node("cpu").Add(Node.Collection("cores", "core", node.Cpus.Select(c => new Node("core").Add("index", c)))))
            .Add(Node.Collection("numa_node_pins", "numa_node_pin",
                node.HostNodes.Select(h => new Node("numa_node_pin").Add("index", h).Add("pinned", true))))
            .Add(Node.Link("vm", "vms", vm.Id));
    }
}
