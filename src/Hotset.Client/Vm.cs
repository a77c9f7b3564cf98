using System.Text.Json;

namespace Hotset.Client;

/// <summary>
/// A VM as the engine returns it (<c>GET /vms/{id}</c>): its configuration (or the pending next-run one, when asked),
/// its status, and Hotset's counts: <see cref="VcpuCount"/> (hypervisor) and <see cref="GuestCpuCount"/> (guest).
/// </summary>
public sealed record Vm
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public string Description { get; init; } = "";
    public string Comment { get; init; } = "";

    /// <summary>oVirt's status name: <c>down</c>, <c>up</c>, <c>powering_up</c>, <c>migrating</c>…</summary>
    public required string Status { get; init; }

    public required CpuTopology Topology { get; init; }
    public IReadOnlyList<VcpuPin> VcpuPins { get; init; } = [];
    public string CpuPinningPolicy { get; init; } = "none";

    /// <summary>Memory in bytes.</summary>
    public long Memory { get; init; }

    public string OsType { get; init; } = "";
    public string? Kernel { get; init; }
    public string? Initrd { get; init; }
    public string? KernelCmdline { get; init; }
    public string? ClusterId { get; init; }
    public string? TemplateId { get; init; }

    /// <summary>The host the VM runs on, when it runs.</summary>
    public string? HostId { get; init; }

    public bool NextRunConfigurationExists { get; init; }

    /// <summary>vCPUs the guest reports online; null or -1 when unknown.</summary>
    public int? GuestCpuCount { get; init; }

    /// <summary>vCPUs the hypervisor has plugged; null or -1 when unknown.</summary>
    public int? VcpuCount { get; init; }

    /// <summary>The start-time max vCPUs of a running VM, or the VM's override.</summary>
    public int? MaxVcpus { get; init; }

    public DateTimeOffset? CreationTime { get; init; }

    internal static Vm From(JsonElement json)
    {
        var vm = JsonFields.Of(json);
        var cpu = vm.Fields("cpu");
        var topology = cpu.Fields("topology", out var hasTopology);
        var os = vm.Fields("os");
        return new()
        {
            Id = vm.String("id"),
            Name = vm.String("name"),
            Description = vm.String("description"),
            Comment = vm.String("comment"),
            Status = vm.String("status"),
            Topology = hasTopology ? CpuTopology.From(topology) : new CpuTopology(1, 1, 1),
            VcpuPins = [.. cpu.Fields("cpu_tune").Fields("vcpu_pins").Items("vcpu_pin").Select(p => new VcpuPin(p.Int("vcpu") ?? 0, p.String("cpu_set")))],
            CpuPinningPolicy = vm.Text("cpu_pinning_policy") ?? "none",
            Memory = vm.Long("memory") ?? 0,
            OsType = os.String("type"),
            Kernel = os.Text("kernel"),
            Initrd = os.Text("initrd"),
            KernelCmdline = os.Text("cmdline"),
            ClusterId = vm.Fields("cluster").Text("id"),
            TemplateId = vm.Fields("template").Text("id"),
            HostId = vm.Fields("host").Text("id"),
            NextRunConfigurationExists = vm.Bool("next_run_configuration_exists") ?? false,
            GuestCpuCount = vm.Int("guest_cpu_count"),
            VcpuCount = vm.Int("vcpu_count"),
            MaxVcpus = vm.Int("max_vcpus"),
            CreationTime = vm.Time("creation_time"),
        };
    }
}
