using Hotset.Core.Vms;
using Hotset.Engine.Vms;

namespace Hotset.Engine.Persistence.Vms;

/// <summary>One row of <c>vms</c>; the configurations are JSON columns.</summary>
internal sealed class VmRow
{
    public const string Columns = "id, name, cluster_id, template_id, status, run_on_host_id, started_max_vcpus, "
        + "vcpu_count, guest_cpu_count, created_at, version, configuration, next_run, numa_nodes";

    public string Id { get; init; } = "";
    public string Name { get; init; } = "";
    public string ClusterId { get; init; } = "";
    public string? TemplateId { get; init; }
    public string Status { get; init; } = "";
    public string? RunOnHostId { get; init; }
    public int StartedMaxVcpus { get; init; }
    public int VcpuCount { get; init; }
    public int GuestCpuCount { get; init; }
    public long CreatedAt { get; init; }
    public long Version { get; init; }
    public string Configuration { get; init; } = "";
    public string? NextRun { get; init; }

    /// <summary>The vNUMA cells as JSON; null for none.</summary>
    public string? NumaNodes { get; init; }

    public static VmRow From(Vm vm) => new()
    {
        Id = Ids.Text(vm.Id),
        Name = vm.Name,
        ClusterId = Ids.Text(vm.ClusterId),
        TemplateId = Ids.Text(vm.TemplateId),
        Status = vm.Status.ToString(),
        RunOnHostId = Ids.Text(vm.RunOnHostId),
        StartedMaxVcpus = vm.StartedMaxVCpus,
        VcpuCount = vm.VcpuCount,
        GuestCpuCount = vm.GuestCpuCount,
        CreatedAt = Ids.Ms(vm.CreatedAt),
        Version = vm.Version,
        Configuration = DbJson.Write(vm.Configuration),
        NextRun = vm.NextRun is null ? null : DbJson.Write(vm.NextRun),
        NumaNodes = vm.NumaNodes.Count == 0 ? null : DbJson.Write(vm.NumaNodes),
    };

    public Vm ToVm() => new()
    {
        Id = Ids.Parse(Id),
        ClusterId = Ids.Parse(ClusterId),
        TemplateId = Ids.ParseNullable(TemplateId),
        Configuration = DbJson.Read<VmConfiguration>(Configuration),
        NextRun = NextRun is null ? null : DbJson.Read<VmConfiguration>(NextRun),
        NumaNodes = NumaNodes is null ? Array.Empty<VmNumaNode>() : DbJson.Read<List<VmNumaNode>>(NumaNodes),
        Status = Enum.Parse<VmStatus>(Status),
        RunOnHostId = Ids.ParseNullable(RunOnHostId),
        StartedMaxVCpus = StartedMaxVcpus,
        VcpuCount = VcpuCount,
        GuestCpuCount = GuestCpuCount,
        CreatedAt = Ids.Time(CreatedAt),
        Version = Version,
    };
}
