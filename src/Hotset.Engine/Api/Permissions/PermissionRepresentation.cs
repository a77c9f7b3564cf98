using Hotset.Engine.Api.Representations;
using Hotset.Engine.Auth.Permissions;

namespace Hotset.Engine.Api.Permissions;

/// <summary>
/// oVirt's <c>&lt;permission&gt;</c>: links to its <c>role</c> (with the role's name), its <c>user</c> and, on a VM, the
/// <c>vm</c>; a system permission has no object link. Input: <c>&lt;role&gt;</c> by id or name, <c>&lt;user&gt;</c> by
/// id or user_name.
/// </summary>
public static class PermissionRepresentation
{
    public static InputShape Shape { get; } = new("permission")
    {
        new InputShape("role") { "name" },
        new InputShape("user") { "user_name", "name", "principal" },
        new InputShape("vm") { "name" },
    };

    public static Node ToNode(Permission permission)
    {
        var id = permission.Id.ToString();
        var href = permission.VmId is { } vm ? $"{ApiPaths.Root}/vms/{vm}/permissions/{id}" : $"{ApiPaths.Root}/permissions/{id}";
        var role = Auth.Permissions.Roles.Find(permission.RoleId);
        return new Node("permission").Attr("href", href).Attr("id", id)
            .Add(Node.Link("role", "roles", permission.RoleId).Add("name", role?.Name))
            .Add(Node.Link("user", "users", permission.UserId))
            .Add(permission.VmId is { } vmId ? Node.Link("vm", "vms", vmId) : null);
    }

    public static Node ToList(IEnumerable<Permission> permissions) =>
        Node.Collection("permissions", "permission", permissions.Select(ToNode));
}
