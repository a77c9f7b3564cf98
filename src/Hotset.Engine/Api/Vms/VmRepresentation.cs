using Hotset.Core.Vms;
using Hotset.Engine.Api.Representations;
using Hotset.Engine.Vms;

namespace Hotset.Engine.Api.Vms;

/// <summary>The oVirt <c>&lt;vm&gt;</c> representation, plus Hotset's <c>guest_cpu_count</c> and <c>vcpu_count</c>.</summary>
public static class VmRepresentation
{
    private static readonly string VmHrefPrefix = $"{ApiPaths.Root}/vms/";

    /// <summary><paramref name="vm"/> with <paramref name="shown"/> as its configuration (the next-run one, when asked).</summary>
    public static Node ToNode(Vm vm, VmConfiguration? shown = null, bool withActions = true)
    {
        var config = shown ?? vm.Configuration;
        var t = config.Topology;
        var id = vm.Id.ToString();
        var node = new Node("vm").Attr("href", VmHrefPrefix + id).Attr("id", id)
            .Add(withActions ? Actions(vm.Id) : null)
            .Add("name", config.Name)
            .Add("description", config.Description)
            .Add("comment", config.Comment)
            .Add(new Node("bios").Add("type", VmNames.BiosType(config.Chipset)))
            .Add(new Node("cpu")
                .Add(new Node("topology").Add("cores", t.Cores).Add("sockets", t.Sockets).Add("threads", t.Threads))
                .Add(VcpuPins.ToNode(config.CpuPinning)))
            .Add("creation_time", vm.CreatedAt)
            .Add("memory", (long)config.MemoryMiB * 1024 * 1024)
            .Add(new Node("os").Add("type", config.OsType).Add("kernel", config.Kernel)
                .Add("initrd", config.Initrd).Add("cmdline", config.KernelArgs))
            .Add("status", VmNames.Status(vm.Status))
            .Add("type", "server")
            .Add(Node.Link("cluster", "clusters", vm.ClusterId))
            .Add(vm.TemplateId is { } template ? Node.Link("template", "templates", template) : null)
            .Add(vm.RunOnHostId is { } host ? Node.Link("host", "hosts", host) : null)
            .Add("next_run_configuration_exists", vm.NextRun is not null)
            .Add("cpu_pinning_policy", config.CpuPinningPolicy.ToOvirtName())
            .Add(new Node("placement_policy").Add("affinity", "migratable"))
            .Add("guest_cpu_count", vm.GuestCpuCount)
            .Add("vcpu_count", vm.VcpuCount);
        if (withActions)
        {
            // oVirt's links to the VM's sub-collections; clients follow them (Ansible's fetch_nested, the SDK's follow_link).
            node.Children.AddRange(VmSubCollections.Rels.Select(rel =>
                new Node("link").Attr("href", $"{VmHrefPrefix}{id}/{rel}").Attr("rel", rel)));
        }

        if (vm.StartedMaxVCpus > 0)
        {
            node.Add("max_vcpus", vm.StartedMaxVCpus);
        }
        else if (config.MaxVCpusOverride is { } max)
        {
            node.Add("max_vcpus", max);
        }

        return node;
    }

    /// <summary>The <c>&lt;vms&gt;</c> list; entries carry no <c>&lt;actions&gt;</c> links, to keep large lists small.</summary>
    public static Node ToList(IEnumerable<Vm> vms) => Node.Collection("vms", "vm", vms.Select(vm => ToNode(vm, withActions: false)));

    /// <summary><see cref="ToList"/> written to the response entry by entry.</summary>
    public static ListResult<Vm> ToListResult(IEnumerable<Vm> vms) => new("vms", "vm", vms, vm => ToNode(vm, withActions: false));

    private static Node Actions(Guid id) => Node.Collection("actions", "link",
        VmActionEndpoints.Actions.Select(a => new Node("link").Attr("href", $"{ApiPaths.Root}/vms/{id}/{a}").Attr("rel", a)));
}
