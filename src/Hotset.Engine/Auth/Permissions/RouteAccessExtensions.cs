namespace Hotset.Engine.Auth.Permissions;

/// <summary>
/// How a route declares what it needs: <c>.RequireAnyUser()</c>, <c>.RequireOnSystem(ActionGroup.ReadSystem)</c> or
/// <c>.RequireOnVm(ActionGroup.OperateVm)</c>. Every API route declares one; <see cref="PermissionMiddleware"/> enforces it.
/// </summary>
public static class RouteAccessExtensions
{
    /// <summary>Any logged-in user; the handler must filter what it shows (as <c>GET /vms</c> does).</summary>
    public static TBuilder RequireAnyUser<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RouteAccess(AccessScope.AnyUser, null));

    /// <summary><paramref name="group"/> granted on the system.</summary>
    public static TBuilder RequireOnSystem<TBuilder>(this TBuilder builder, ActionGroup group) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RouteAccess(AccessScope.System, group));

    /// <summary><paramref name="group"/> granted on the system or on the VM whose id is the route value <paramref name="vmRouteValue"/>.</summary>
    public static TBuilder RequireOnVm<TBuilder>(this TBuilder builder, ActionGroup group, string vmRouteValue = "id")
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RouteAccess(AccessScope.Vm, group, vmRouteValue));
}
