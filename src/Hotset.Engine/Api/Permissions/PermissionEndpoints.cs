using Hotset.Engine.Api.Representations;
using Hotset.Engine.Api.Vms;
using Hotset.Engine.Audit;
using Hotset.Engine.Auth;
using Hotset.Engine.Auth.Permissions;
using Hotset.Engine.Persistence.Auth;
using Hotset.Engine.Vms;

namespace Hotset.Engine.Api.Permissions;

/// <summary>
/// Permissions on a VM (<c>/vms/{id}/permissions</c>) and on the system (<c>/permissions</c>): list, get, add
/// (<c>&lt;permission&gt;&lt;role&gt;&lt;name&gt;UserVmManager&lt;/name&gt;&lt;/role&gt;&lt;user id="…"/&gt;&lt;/permission&gt;</c>), remove.
/// </summary>
public static class PermissionEndpoints
{
    public static IEndpointRouteBuilder MapPermissions(this IEndpointRouteBuilder api)
    {
        var onVm = api.MapGroup("/vms/{id}/permissions").WithTags("permissions");
        onVm.MapGet("/", (string id, IVmStore vms, IPermissionStore store, CancellationToken ct) => ListOnVmAsync(id, vms, store, ct))
            .WithSummary("The permissions on a VM.").RequireOnVm(ActionGroup.ReadVm);
        onVm.MapGet("/{pid}", (string id, string pid, IPermissionStore store, CancellationToken ct) =>
                GetAsync(pid, VmIdOf(id), store, ct))
            .WithSummary("A permission on a VM.").RequireOnVm(ActionGroup.ReadVm);
        onVm.MapPost("/", (string id, HttpContext c, IVmStore vms, IUserStore users, IPermissionStore store, IAuditLog audit,
                CancellationToken ct) => AddOnVmAsync(id, c, vms, users, store, audit, ct))
            .WithSummary("Grant a role on a VM to a user.").RequireOnVm(ActionGroup.ManageVmPermissions);
        onVm.MapDelete("/{pid}", (string id, string pid, HttpContext c, IVmStore vms, IUserStore users, IPermissionStore store,
                IAuditLog audit, CancellationToken ct) => RemoveAsync(pid, VmIdOf(id), c, vms, users, store, audit, ct))
            .WithSummary("Revoke a permission on a VM.").RequireOnVm(ActionGroup.ManageVmPermissions);

        var system = api.MapGroup("/permissions").WithTags("permissions");
        system.MapGet("/", async (IPermissionStore store, CancellationToken ct) =>
                new NodeResult(PermissionRepresentation.ToList(await store.ListOnAsync(null, ct))))
            .WithSummary("The permissions on the system (they apply to every object).").RequireOnSystem(ActionGroup.ReadSystem);
        system.MapGet("/{pid}", (string pid, IPermissionStore store, CancellationToken ct) => GetAsync(pid, null, store, ct))
            .WithSummary("A permission on the system.").RequireOnSystem(ActionGroup.ReadSystem);
        system.MapPost("/", (HttpContext c, IUserStore users, IPermissionStore store, IAuditLog audit,
                CancellationToken ct) => PermissionGrant.AddAsync(null, c, users, store, audit, ct))
            .WithSummary("Grant a role on the system to a user.").RequireOnSystem(ActionGroup.ConfigureSystem);
        system.MapDelete("/{pid}", (string pid, HttpContext c, IVmStore vms, IUserStore users, IPermissionStore store,
                IAuditLog audit, CancellationToken ct) => RemoveAsync(pid, null, c, vms, users, store, audit, ct))
            .WithSummary("Revoke a permission on the system.").RequireOnSystem(ActionGroup.ConfigureSystem);
        return api;
    }

    private static async Task<IResult> ListOnVmAsync(string id, IVmStore vms, IPermissionStore store, CancellationToken ct) =>
        await VmEndpoints.Find(id, vms, ct) is { } vm
            ? new NodeResult(PermissionRepresentation.ToList(await store.ListOnAsync(vm.Id, ct)))
            : FaultResults.NotFound("VM", id);

    private static async Task<IResult> AddOnVmAsync(string id, HttpContext context, IVmStore vms, IUserStore users,
        IPermissionStore store, IAuditLog audit, CancellationToken ct) =>
        await VmEndpoints.Find(id, vms, ct) is { } vm
            ? await PermissionGrant.AddAsync(vm, context, users, store, audit, ct)
            : FaultResults.NotFound("VM", id);

    /// <summary>The permission <paramref name="pid"/> when it is on <paramref name="vmId"/> (null: the system).</summary>
    private static async Task<IResult> GetAsync(string pid, Guid? vmId, IPermissionStore store, CancellationToken ct) =>
        await FindAsync(pid, vmId, store, ct) is { } permission
            ? new NodeResult(PermissionRepresentation.ToNode(permission))
            : FaultResults.NotFound("permission", pid);

    private static async Task<IResult> RemoveAsync(string pid, Guid? vmId, HttpContext context, IVmStore vms, IUserStore users,
        IPermissionStore store, IAuditLog audit, CancellationToken ct)
    {
        if (await FindAsync(pid, vmId, store, ct) is not { } permission)
        {
            return FaultResults.NotFound("permission", pid);
        }

        var user = await users.GetAsync(permission.UserId, ct);
        var role = Auth.Permissions.Roles.Find(permission.RoleId) ?? Auth.Permissions.Roles.SuperUser;
        if (user?.UserName == AdminInitializer.AdminUser && permission.IsSystem && role == Auth.Permissions.Roles.SuperUser)
        {
            return FaultResults.Fault(ApiFaults.Conflict(
                $"{AdminInitializer.AdminUser} is always a SuperUser; its permission on the system cannot be removed."));
        }

        if (!await store.RemoveAsync(permission.Id, ct))
        {
            return FaultResults.NotFound("permission", pid);
        }

        var vm = permission.VmId is { } id ? await vms.GetAsync(id, ct) : null;
        await audit.AddAsync(PermissionEvents.Revoked(user?.UserName ?? permission.UserId.ToString(), role,
            PermissionGrant.ObjectText(vm, permission.VmId), permission.VmId, ApiCaller.Of(context)), ct);
        return new NodeResult(new Node("action").Add("status", "complete"));
    }

    private static async Task<Permission?> FindAsync(string pid, Guid? vmId, IPermissionStore store, CancellationToken ct) =>
        Guid.TryParse(pid, out var guid) && await store.GetAsync(guid, ct) is { } p && p.VmId == vmId ? p : null;

    // The route's VM id; an unparsable one matches no permission (Guid.Empty is never a VM's id).
    private static Guid VmIdOf(string id) => Guid.TryParse(id, out var guid) ? guid : Guid.Empty;
}
