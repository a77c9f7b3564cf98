using Hotset.Engine.Api.DataCenters;
using Hotset.Engine.Api.Representations;
using Hotset.Engine.Api.Search;
using Hotset.Engine.Auth.Permissions;
using Hotset.Engine.Persistence.Templates;
using Hotset.Engine.Vms;

namespace Hotset.Engine.Api.Templates;

/// <summary><c>/ovirt-engine/api/templates</c>: list and get (<c>Blank</c> is always there).</summary>
public static class TemplateEndpoints
{
    public static IEndpointRouteBuilder MapTemplates(this IEndpointRouteBuilder api)
    {
        var templates = api.MapGroup("/templates").WithTags("templates");
        templates.MapGet("/", ListAsync).WithSummary("List templates; search=name=…, datacenter=…, vm.name=… as oVirt.")
            .RequireOnSystem(ActionGroup.ReadSystem);
        templates.MapGet("/{id}", async (string id, ITemplateStore store, CancellationToken ct) =>
            Guid.TryParse(id, out var guid) && await store.GetAsync(guid, ct) is { } template
                ? new NodeResult(ToNode(template))
                : FaultResults.NotFound("template", id))
            .WithSummary("A template.").RequireOnSystem(ActionGroup.ReadSystem);
        return api;
    }

    private static async Task<IResult> ListAsync(HttpRequest request, ITemplateStore store, IVmStore vms, CancellationToken ct)
    {
        var errors = new InputErrors();
        var search = SearchQuery.Read(request, "templates", ["name", "datacenter", "vm.name"], errors);
        if (errors.Any)
        {
            return errors.ToFault();
        }

        IEnumerable<Template> found = DataCenterEndpoints.Matches(search) ? await store.ListAsync(ct) : [];
        if (search["vm.name"] is { } vmName)
        {
            // The templates the matching VMs were made from (Ansible asks this of an existing VM).
            var used = (await vms.ListAsync(vmName, null, ct)).Select(v => v.TemplateId ?? Template.BlankId).ToHashSet();
            found = found.Where(t => used.Contains(t.Id));
        }

        return new NodeResult(Node.Collection("templates", "template", found.Where(t => search.Matches("name", t.Name)).Select(ToNode)));
    }

    public static Node ToNode(Template template)
    {
        var config = template.Configuration;
        return new Node("template").Attr("href", $"{ApiPaths.Root}/templates/{template.Id}").Attr("id", template.Id.ToString())
            .Add("name", template.Name)
            .Add("description", template.Description)
            .Add(new Node("cpu").Add(new Node("topology")
                .Add("cores", config.Topology.Cores).Add("sockets", config.Topology.Sockets).Add("threads", config.Topology.Threads)))
            .Add("memory", (long)config.MemoryMiB * 1024 * 1024)
            .Add(new Node("os").Add("type", config.OsType))
            .Add("status", "ok")
            .Add(new Node("version").Add("version_name", "base version").Add("version_number", 1));
    }
}
