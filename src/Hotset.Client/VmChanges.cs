using System.Text.Json.Nodes;

namespace Hotset.Client;

/// <summary>
/// The values to set on a new VM (<see cref="VmCreate"/>) or to change on an existing one (<see cref="VmUpdate"/>):
/// only the non-null ones are sent, so an update is partial like oVirt's.
/// </summary>
public abstract record VmChanges
{
    public string? Description { get; init; }
    public string? Comment { get; init; }
    public int? Sockets { get; init; }
    public int? Cores { get; init; }
    public int? Threads { get; init; }

    /// <summary>Memory in bytes.</summary>
    public long? Memory { get; init; }

    public string? OsType { get; init; }
    public string? Kernel { get; init; }
    public string? Initrd { get; init; }
    public string? KernelCmdline { get; init; }

    /// <summary>Manual pinning; an empty list clears it.</summary>
    public IReadOnlyList<VcpuPin>? VcpuPins { get; init; }

    /// <summary>The per-VM override of the start-time max vCPUs.</summary>
    public int? MaxVcpus { get; init; }

    internal JsonObject ToJson(string? name)
    {
        var vm = new JsonObject();
        Set(vm, "name", name);
        Set(vm, "description", Description);
        Set(vm, "comment", Comment);
        Set(vm, "memory", Memory is { } memory ? JsonValues.Invariant(memory) : null);
        Set(vm, "max_vcpus", MaxVcpus is { } max ? JsonValues.Invariant(max) : null);
        if (Sockets is not null || Cores is not null || Threads is not null || VcpuPins is not null)
        {
            var cpu = new JsonObject();
            if (Sockets is not null || Cores is not null || Threads is not null)
            {
                var topology = new JsonObject();
                Set(topology, "sockets", Sockets is { } s ? JsonValues.Invariant(s) : null);
                Set(topology, "cores", Cores is { } c ? JsonValues.Invariant(c) : null);
                Set(topology, "threads", Threads is { } t ? JsonValues.Invariant(t) : null);
                cpu["topology"] = topology;
            }

            if (VcpuPins is { } pins)
            {
                var list = new JsonArray([.. pins.Select(p => (JsonNode)new JsonObject { ["vcpu"] = JsonValues.Invariant(p.Vcpu), ["cpu_set"] = p.CpuSet })]);
                cpu["cpu_tune"] = new JsonObject { ["vcpu_pins"] = new JsonObject { ["vcpu_pin"] = list } };
            }

            vm["cpu"] = cpu;
        }

        if (OsType is not null || Kernel is not null || Initrd is not null || KernelCmdline is not null)
        {
            var os = new JsonObject();
            Set(os, "type", OsType);
            Set(os, "kernel", Kernel);
            Set(os, "initrd", Initrd);
            Set(os, "cmdline", KernelCmdline);
            vm["os"] = os;
        }

        return vm;
    }

    internal static void Set(JsonObject node, string name, string? value)
    {
        if (value is not null)
        {
            node[name] = value;
        }
    }
}

/// <summary>A new VM: its name, and optionally its cluster and template by name (Default and Blank when null).</summary>
public sealed record VmCreate(string Name) : VmChanges
{
    public string? Cluster { get; init; }
    public string? Template { get; init; }

    internal JsonObject ToJson()
    {
        var vm = ToJson(Name);
        if (Cluster is not null)
        {
            vm["cluster"] = new JsonObject { ["name"] = Cluster };
        }

        if (Template is not null)
        {
            vm["template"] = new JsonObject { ["name"] = Template };
        }

        return vm;
    }
}

/// <summary>A partial change of a VM (<c>PUT /vms/{id}</c>); a new <see cref="Name"/> renames it.</summary>
public sealed record VmUpdate : VmChanges
{
    public string? Name { get; init; }

    internal JsonObject ToJson() => ToJson(Name);
}
