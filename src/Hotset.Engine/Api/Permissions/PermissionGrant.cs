using Hotset.Engine.Api.Representations;
using Hotset.Engine.Audit;
using Hotset.Engine.Auth;
using Hotset.Engine.Auth.Permissions;
using Hotset.Engine.Persistence.Auth;
using Hotset.Engine.Vms;

namespace Hotset.Engine.Api.Permissions;

/// <summary>Adding a permission on a VM or on the system: read the role and the user, store, log event 850.</summary>
internal static class PermissionGrant
{
    public static async Task<IResult> AddAsync(Vm? vm, HttpContext context, IUserStore users,
        IPermissionStore store, IAuditLog audit, CancellationToken ct)
    {
        var (node, fault) = await ApiInput.ReadAsync(context.Request, PermissionRepresentation.Shape, ct);
        if (node is null)
        {
            return fault!;
        }

        var errors = new InputErrors();
        var role = RoleOf(node.Child("role"), errors);
        var user = await UserOfAsync(node.Child("user"), users, errors, ct);
        if (errors.Any || role is null || user is null)
        {
            return errors.ToFault();
        }

        var permission = new Permission(Guid.NewGuid(), user.Id, role.Id, vm?.Id);
        if (!await store.AddAsync(permission, ct))
        {
            return FaultResults.Fault(ApiFaults.Conflict(
                $"User {user.UserName} already has the role {role.Name} on {ObjectText(vm, vm?.Id)}."));
        }

        await audit.AddAsync(PermissionEvents.Granted(user, role, ObjectText(vm, vm?.Id), vm?.Id, ApiCaller.Of(context)), ct);
        var result = new NodeResult(PermissionRepresentation.ToNode(permission), StatusCodes.Status201Created);
        result.Headers["Location"] = PermissionRepresentation.ToNode(permission).Attributes.First(a => a.Key == "href").Value;
        return result;
    }

    /// <summary>oVirt's <c>${VdcObjectType} ${VdcObjectName}</c>: <c>VM web01</c> or <c>System</c>.</summary>
    public static string ObjectText(Vm? vm, Guid? vmId) => vmId is null ? "System" : $"VM {vm?.Name ?? vmId.ToString()}";

    private static Role? RoleOf(Node? reference, InputErrors errors)
    {
        var id = errors.Id(reference?.Value("id"), "role id");
        var name = reference?.Value("name")?.Trim();
        var role = id is { } guid ? Auth.Permissions.Roles.Find(guid) : name is { Length: > 0 } ? Auth.Permissions.Roles.Find(name) : null;
        if (role is null)
        {
            errors.Add($"The permission needs a <role> Hotset knows ('{id?.ToString() ?? name}' is not one): " +
                $"{string.Join(", ", Auth.Permissions.Roles.All.Select(r => r.Name))}; GET /ovirt-engine/api/roles lists them.");
        }

        return role;
    }

    private static async Task<EngineUser?> UserOfAsync(Node? reference, IUserStore users, InputErrors errors, CancellationToken ct)
    {
        var id = errors.Id(reference?.Value("id"), "user id");
        var name = (reference?.Value("user_name") ?? reference?.Value("principal") ?? reference?.Value("name"))?.Trim();
        if (name is { Length: > 0 } && !name.Contains('@', StringComparison.Ordinal))
        {
            name += "@" + EngineUser.Domain;
        }

        var user = id is { } guid ? await users.GetAsync(guid, ct) : name is { Length: > 0 } ? await users.FindAsync(name, ct) : null;
        if (user is null)
        {
            errors.Add($"The permission needs a <user> that exists ('{id?.ToString() ?? name}' does not); GET /ovirt-engine/api/users lists them.");
        }

        return user;
    }
}
