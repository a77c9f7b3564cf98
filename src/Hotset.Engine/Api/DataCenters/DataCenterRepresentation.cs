using Hotset.Core.Vms;
using Hotset.Engine.Api.Representations;

namespace Hotset.Engine.Api.DataCenters;

/// <summary>
/// oVirt's <c>&lt;data_center&gt;</c>. Hotset has one, <c>Default</c>, that holds every cluster: oVirt clients look a
/// cluster's data center up (Ansible searches templates by it), so it is there with oVirt's shape.
/// </summary>
public static class DataCenterRepresentation
{
    /// <summary>The id of the one data center (oVirt's Default data center id).</summary>
    public static readonly Guid DefaultId = Guid.Parse("00000001-0001-0001-0001-000000000311");

    public const string DefaultName = "Default";

    public const string Path = "datacenters";

    /// <summary><c>&lt;data_center href id/&gt;</c>, the link a cluster carries.</summary>
    public static Node Link() => Node.Link("data_center", Path, DefaultId);

    /// <summary>The data center; its version is the lowest of its clusters' (oVirt's data center level).</summary>
    public static Node ToNode(CompatibilityVersion version)
    {
        var href = $"{ApiPaths.Root}/{Path}/{DefaultId}";
        return new Node("data_center").Attr("href", href).Attr("id", DefaultId.ToString())
            .Add("name", DefaultName)
            .Add("description", "The default Data Center")
            .Add(new Node("link").Attr("href", href + "/clusters").Attr("rel", "clusters"))
            .Add("local", false)
            .Add("quota_mode", "disabled")
            .Add("status", "up")
            .Add("storage_format", "v5")
            .Add(Node.Collection("supported_versions", "version", CompatibilityVersion.Supported.Select(Version)))
            .Add(Version(version));
    }

    private static Node Version(CompatibilityVersion version) =>
        new Node("version").Add("major", version.Major).Add("minor", version.Minor);
}
