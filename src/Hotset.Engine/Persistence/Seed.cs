using Hotset.Core.Vms;
using Hotset.Engine.Clusters;
using Hotset.Engine.Persistence.Templates;
using Hotset.Engine.Vms;

namespace Hotset.Engine.Persistence;

/// <summary>What a new database starts with, as in oVirt: the <c>Default</c> cluster and the <c>Blank</c> template.</summary>
public static class Seed
{
    public static Cluster DefaultCluster { get; } = new()
    {
        Id = Cluster.DefaultId,
        Name = "Default",
        Description = "The default server cluster",
        Version = CompatibilityVersion.V4_8,
        Architecture = Architecture.X86_64,
    };

    public static Template Blank { get; } = new()
    {
        Id = Template.BlankId,
        Name = Template.BlankName,
        Description = "Blank template",
        Configuration = new VmConfiguration { Name = Template.BlankName, Description = "Blank template" },
    };

    /// <summary>Adds the seed entities that are missing (by id); existing ones are left as the administrator changed them.</summary>
    public static async Task ApplyAsync(IClusterStore clusters, ITemplateStore templates, CancellationToken ct)
    {
        if (await clusters.GetAsync(DefaultCluster.Id, ct) is null)
        {
            await clusters.AddAsync(DefaultCluster, ct);
        }

        if (await templates.GetAsync(Blank.Id, ct) is null)
        {
            await templates.AddAsync(Blank, ct);
        }
    }
}
