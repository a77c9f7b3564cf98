using Hotset.Core.Vms;
using Hotset.Engine.Api.DataCenters;
using Hotset.Engine.Api.Representations;
using Hotset.Engine.Clusters;

namespace Hotset.Engine.Api.Clusters;

/// <summary>
/// oVirt's <c>&lt;cluster&gt;</c> with <c>version</c>, <c>cpu/architecture</c>, <c>threads_as_cores</c>, and Hotset's
/// <c>vcpu_overcommit_ratio</c> (vCPUs allowed per host CPU; 1 = no overcommit).
/// </summary>
public static class ClusterRepresentation
{
    public static InputShape Shape { get; } = new("cluster")
    {
        "name", "description", "comment", "threads_as_cores", "vcpu_overcommit_ratio",
        new InputShape("version") { "major", "minor" },
        new InputShape("cpu") { "architecture", "type" },
    };

    public static Node ToNode(Cluster cluster) =>
        new Node("cluster").Attr("href", $"{ApiPaths.Root}/clusters/{cluster.Id}").Attr("id", cluster.Id.ToString())
            .Add("name", cluster.Name)
            .Add("description", cluster.Description)
            .Add(DataCenterRepresentation.Link())
            .Add(new Node("cpu").Add("architecture", cluster.Architecture.ToOvirtName()))
            .Add("threads_as_cores", cluster.CountThreadsAsCores)
            .Add(new Node("version").Add("major", cluster.Version.Major).Add("minor", cluster.Version.Minor))
            .Add("vcpu_overcommit_ratio", cluster.VcpuOvercommitRatio);

    public static Node ToList(IEnumerable<Cluster> clusters) => Node.Collection("clusters", "cluster", clusters.Select(ToNode));

    /// <summary><paramref name="cluster"/> with the elements present in <paramref name="node"/> changed.</summary>
    public static Cluster Apply(Cluster cluster, Node node, InputErrors errors)
    {
        var result = cluster with
        {
            Name = node.Value("name")?.Trim() is { Length: > 0 } name ? name : cluster.Name,
            Description = node.Value("description") ?? cluster.Description,
            CountThreadsAsCores = errors.Flag(node.Value("threads_as_cores"), "threads_as_cores") ?? cluster.CountThreadsAsCores,
        };

        if (errors.RealNumber(node.Value("vcpu_overcommit_ratio"), "vcpu_overcommit_ratio") is { } ratio)
        {
            if (ratio is < 1 or > 100 || double.IsNaN(ratio))
            {
                errors.Add($"vcpu_overcommit_ratio must be between 1 and 100, not {ratio}.");
            }

            result = result with { VcpuOvercommitRatio = ratio };
        }

        if (node.Child("version") is { } version)
        {
            var text = $"{version.Value("major") ?? cluster.Version.Major.ToString()}.{version.Value("minor") ?? cluster.Version.Minor.ToString()}";
            if (CompatibilityVersion.TryParse(text, out var parsed) && CompatibilityVersion.Supported.Contains(parsed))
            {
                result = result with { Version = parsed };
            }
            else
            {
                errors.Add($"Compatibility version {text} is not supported; use one of {string.Join(", ", CompatibilityVersion.Supported)}.");
            }
        }

        if (node.Child("cpu")?.Value("architecture") is { } architecture)
        {
            if (OvirtNames.TryParseArchitecture(architecture, out var parsed))
            {
                result = result with { Architecture = parsed };
            }
            else
            {
                errors.Add($"'{architecture}' is not an architecture; use x86_64, ppc64 or s390x.");
            }
        }

        return result;
    }
}
