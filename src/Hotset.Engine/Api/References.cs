using Hotset.Engine.Api.Representations;
using Hotset.Engine.Clusters;
using Hotset.Engine.Persistence.Templates;

namespace Hotset.Engine.Api;

/// <summary>Resolves <c>&lt;cluster id="…"/&gt;</c> or <c>&lt;cluster&gt;&lt;name&gt;…</c> style references of input.</summary>
internal static class References
{
    /// <summary>The named cluster, or <c>Default</c> when <paramref name="reference"/> is absent.</summary>
    public static async Task<Cluster?> ClusterAsync(Node? reference, IClusterStore clusters, InputErrors errors, CancellationToken ct)
    {
        var (id, name) = IdAndName(reference, errors);
        if (id is null && name is null)
        {
            id = Cluster.DefaultId;
        }

        var cluster = id is { } guid
            ? await clusters.GetAsync(guid, ct)
            : (await clusters.ListAsync(ct)).FirstOrDefault(c => c.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
        if (cluster is null)
        {
            errors.Add($"Cluster '{id?.ToString() ?? name}' does not exist; list the clusters with GET /ovirt-engine/api/clusters.");
        }

        return cluster;
    }

    /// <summary>The named template, or <c>Blank</c> when <paramref name="reference"/> is absent.</summary>
    public static async Task<Template?> TemplateAsync(Node? reference, ITemplateStore templates, InputErrors errors, CancellationToken ct)
    {
        var (id, name) = IdAndName(reference, errors);
        var template = id is { } guid ? await templates.GetAsync(guid, ct)
            : name is not null ? await templates.FindByNameAsync(name, ct)
            : await templates.GetAsync(Template.BlankId, ct);
        if (template is null)
        {
            errors.Add($"Template '{id?.ToString() ?? name}' does not exist; list the templates with GET /ovirt-engine/api/templates.");
        }

        return template;
    }

    private static (Guid? Id, string? Name) IdAndName(Node? reference, InputErrors errors) =>
        reference is null ? (null, null) : (errors.Id(reference.Value("id"), reference.Name + " id"), reference.Value("name")?.Trim());
}
