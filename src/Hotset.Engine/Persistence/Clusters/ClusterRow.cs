using Hotset.Core.Vms;
using Hotset.Engine.Clusters;

namespace Hotset.Engine.Persistence.Clusters;

internal sealed class ClusterRow
{
    public const string Columns =
        "id, name, description, compat_version, architecture, threads_as_cores, vcpu_overcommit_ratio, version";

    public string Id { get; init; } = "";
    public string Name { get; init; } = "";
    public string Description { get; init; } = "";
    public string CompatVersion { get; init; } = "";
    public string Architecture { get; init; } = "";
    public int ThreadsAsCores { get; init; }
    public double VcpuOvercommitRatio { get; init; }
    public long Version { get; init; }

    public static ClusterRow From(Cluster c) => new()
    {
        Id = Ids.Text(c.Id),
        Name = c.Name,
        Description = c.Description,
        CompatVersion = c.Version.ToString(),
        Architecture = c.Architecture.ToString(),
        ThreadsAsCores = c.CountThreadsAsCores ? 1 : 0,
        VcpuOvercommitRatio = c.VcpuOvercommitRatio,
        Version = c.RowVersion,
    };

    public Cluster ToCluster() => new()
    {
        Id = Ids.Parse(Id),
        Name = Name,
        Description = Description,
        Version = CompatibilityVersion.Parse(CompatVersion),
        Architecture = Enum.Parse<Architecture>(Architecture),
        CountThreadsAsCores = ThreadsAsCores != 0,
        VcpuOvercommitRatio = VcpuOvercommitRatio,
        RowVersion = Version,
    };
}
