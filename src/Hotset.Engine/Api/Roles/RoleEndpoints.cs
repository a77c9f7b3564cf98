using Hotset.Engine.Api.Representations;
using Hotset.Engine.Auth.Permissions;

namespace Hotset.Engine.Api.Roles;

/// <summary><c>/ovirt-engine/api/roles</c>: the predefined roles (not editable); any user may read them.</summary>
public static class RoleEndpoints
{
    public static IEndpointRouteBuilder MapRoles(this IEndpointRouteBuilder api)
    {
        var roles = api.MapGroup("/roles").WithTags("roles");
        roles.MapGet("/", () => new NodeResult(Node.Collection("roles", "role", Auth.Permissions.Roles.All.Select(ToNode))))
            .WithSummary("List the roles.").RequireAnyUser();
        roles.MapGet("/{id}", (string id) =>
                Guid.TryParse(id, out var guid) && Auth.Permissions.Roles.Find(guid) is { } role
                    ? new NodeResult(ToNode(role))
                    : FaultResults.NotFound("role", id))
            .WithSummary("A role.").RequireAnyUser();
        return api;
    }

    public static Node ToNode(Role role)
    {
        var id = role.Id.ToString();
        return new Node("role").Attr("href", $"{ApiPaths.Root}/roles/{id}").Attr("id", id)
            .Add("name", role.Name)
            .Add("description", role.Description)
            .Add("administrative", role.Administrative)
            .Add("mutable", false)
            .Add(Node.Collection("permits", "permit", role.Groups.Order().Select(g => new Node("permit").Add("name", g.ToString()))));
    }
}
