namespace Hotset.Engine.Auth.Permissions;

/// <summary>
/// What one user may do, from its permissions, read once per request by <see cref="PermissionMiddleware"/>.
/// <c>admin@internal</c> is a SuperUser whatever is stored, so the engine cannot lose its last administrator.
/// </summary>
public sealed class UserAccess(string userName, IReadOnlyList<Permission> permissions)
{
    private const string Item = "Hotset.UserAccess";

    public string UserName { get; } = userName;

    public bool IsBuiltInAdmin => UserName.Equals(AdminInitializer.AdminUser, StringComparison.OrdinalIgnoreCase);

    public bool IsSuperUser => IsBuiltInAdmin || permissions.Any(p => p.IsSystem && p.RoleId == Roles.SuperUser.Id);

    /// <summary>Whether a role granted on the system gives <paramref name="group"/>.</summary>
    public bool AllowsOnSystem(ActionGroup group) => IsBuiltInAdmin || permissions.Any(p => p.IsSystem && Grants(p, group));

    /// <summary>Whether a role on the system or on VM <paramref name="vmId"/> gives <paramref name="group"/>.</summary>
    public bool AllowsOnVm(ActionGroup group, Guid vmId) =>
        AllowsOnSystem(group) || permissions.Any(p => p.VmId == vmId && Grants(p, group));

    /// <summary>Whether the user passes <paramref name="access"/>; <paramref name="vmId"/> is the route's VM, if it names one.</summary>
    public bool Allows(RouteAccess? access, Guid? vmId) => access switch
    {
        null => IsSuperUser,
        { Scope: AccessScope.AnyUser } => true,
        { Scope: AccessScope.System, Group: { } group } => AllowsOnSystem(group),
        { Scope: AccessScope.Vm, Group: { } group } => vmId is { } id ? AllowsOnVm(group, id) : AllowsOnSystem(group),
        _ => IsSuperUser,
    };

    /// <summary>The VMs a role granted on the VM itself gives <paramref name="group"/> on (system roles not counted).</summary>
    public IReadOnlySet<Guid> VmsWith(ActionGroup group) =>
        permissions.Where(p => p.VmId is not null && Grants(p, group)).Select(p => p.VmId!.Value).ToHashSet();

    public static UserAccess? Of(HttpContext context) => context.Items[Item] as UserAccess;

    internal void AttachTo(HttpContext context) => context.Items[Item] = this;

    private static bool Grants(Permission p, ActionGroup group) => Roles.Find(p.RoleId)?.Grants(group) == true;
}
