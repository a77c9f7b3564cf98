using System.Text.Json;
using Hotset.Engine.Api.Representations;
using Hotset.Engine.Vms.Preview;

namespace Hotset.Engine.Api.Vms;

/// <summary>
/// <c>GET /vms/{id}/vcpus</c>: <c>&lt;vcpus&gt;</c> with one <c>&lt;vcpu&gt;</c> per slot in XML; <c>{"vcpu":[…]}</c>
/// with typed values in JSON. <c>online</c>, <c>host_thread_id</c>, <c>numa_node</c> and <c>pinning</c> only when known.
/// </summary>
public static class VcpuTableRepresentation
{
    public static TypedNodeResult ToResult(IReadOnlyList<VcpuSlot> slots) =>
        new(() => ToNode(slots), writer => WriteJson(writer, slots));

    public static Node ToNode(IReadOnlyList<VcpuSlot> slots) => Node.Collection("vcpus", "vcpu", slots.Select(s =>
    {
        var node = new Node("vcpu").Add("index", s.Index).Add("socket", s.Socket).Add("core", s.Core)
            .Add("thread", s.Thread).Add("plugged", s.Plugged);
        if (s.Online is { } online)
        {
            node.Add("online", online);
        }

        if (s.HostThreadId is { } thread)
        {
            node.Add("host_thread_id", thread);
        }

        if (s.NumaNode is { } cell)
        {
            node.Add("numa_node", cell);
        }

        return node.Add("pinning", s.Pinning);
    }));

    public static void WriteJson(Utf8JsonWriter w, IReadOnlyList<VcpuSlot> slots)
    {
        w.WriteStartObject();
        w.WriteStartArray("vcpu");
        foreach (var s in slots)
        {
            w.WriteStartObject();
            w.WriteNumber("index", s.Index);
            w.WriteNumber("socket", s.Socket);
            w.WriteNumber("core", s.Core);
            w.WriteNumber("thread", s.Thread);
            w.WriteBoolean("plugged", s.Plugged);
            if (s.Online is { } online)
            {
                w.WriteBoolean("online", online);
            }

            if (s.HostThreadId is { } thread)
            {
                w.WriteNumber("host_thread_id", thread);
            }

            if (s.NumaNode is { } cell)
            {
                w.WriteNumber("numa_node", cell);
            }

            if (s.Pinning is { } pinning)
            {
                w.WriteString("pinning", pinning);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }
}
