using Hotset.Engine.Api.Representations;
using Hotset.Engine.Hosts;
using Host = Hotset.Engine.Hosts.Host;

namespace Hotset.Engine.Api.Hosts;

/// <summary>
/// oVirt's <c>&lt;host&gt;</c>: name, agent address, status, cluster, and the CPU topology its agent reported
/// (sockets, cores per socket, threads per core). The agent secret is never shown.
/// </summary>
public static class HostRepresentation
{
    public static Node ToNode(Host host)
    {
        var node = new Node("host").Attr("href", $"{ApiPaths.Root}/hosts/{host.Id}").Attr("id", host.Id.ToString())
            .Add("name", host.Name)
            .Add("address", host.Address)
            .Add("status", Status(host.Status))
            .Add(Node.Link("cluster", "clusters", host.ClusterId));
        if (host.Capabilities is { } caps)
        {
            var sockets = Math.Max(1, caps.CpuSockets);
            var cores = Math.Max(1, caps.CpuCores);
            node.Add(new Node("cpu").Add(new Node("topology")
                    .Add("cores", Math.Max(1, cores / sockets))
                    .Add("sockets", sockets)
                    .Add("threads", Math.Max(1, caps.CpuThreads / cores))))
                .Add(new Node("version").Add("full_version", caps.AgentVersion))
                .Add(new Node("libvirt_version").Add("full_version", caps.UsesLibvirt ? "libvirt" : "qemu " + caps.QemuVersion))
                .Add("max_vcpus", caps.MaxVCpus);
        }

        return node;
    }

    public static Node ToList(IEnumerable<Host> hosts) => Node.Collection("hosts", "host", hosts.Select(ToNode));

    public static string Status(HostStatus status) => status switch
    {
        HostStatus.Up => "up",
        HostStatus.NonResponsive => "non_responsive",
        HostStatus.Maintenance => "maintenance",
        _ => "unassigned",
    };
}
