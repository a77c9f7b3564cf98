using Hotset.Engine.Api.Representations;
using Hotset.Engine.Auth.Permissions;
using Hotset.Engine.Persistence.Templates;

namespace Hotset.Engine.Api;

/// <summary><c>GET /ovirt-engine/api</c>: links to the collections, product information and the Blank template.</summary>
internal static class RootEndpoint
{
    private static readonly string[] Collections = ["clusters", "events", "hosts", "templates", "vms"];

    public static IEndpointRouteBuilder MapRoot(this IEndpointRouteBuilder api)
    {
        api.MapGet("/", (HttpContext context, TimeProvider clock) => new NodeResult(ToNode(context, clock)))
            .WithTags("root").WithSummary("The API root: links, product information, the Blank template.").RequireAnyUser();
        return api;
    }

    private static Node ToNode(HttpContext context, TimeProvider clock)
    {
        var root = new Node("api");
        foreach (var name in Collections)
        {
            root.Add(new Node("link").Attr("href", $"{ApiPaths.Root}/{name}").Attr("rel", name));
        }

        return root
            .Add(new Node("link").Attr("href", $"{ApiPaths.Root}/vms?search={{query}}").Attr("rel", "vms/search"))
            .Add(new Node("link").Attr("href", $"{ApiPaths.Root}/hotset/config").Attr("rel", "hotset/config"))
            .Add(new Node("product_info").Add("instance_id", "hotset").Add("name", "Hotset").Add("vendor", "Hotset")
                .Add(new Node("version").Add("build", "0").Add("full_version", "4.5.0-hotset")
                    .Add("major", "4").Add("minor", "5").Add("revision", "0")))
            .Add(new Node("special_objects").Add(Node.Link("blank_template", "templates", Template.BlankId)))
            .Add("time", clock.GetUtcNow())
            .Add(new Node("authenticated_user").Add("user_name", ApiCaller.Of(context).UserName));
    }
}
