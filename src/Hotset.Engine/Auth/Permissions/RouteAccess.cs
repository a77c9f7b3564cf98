namespace Hotset.Engine.Auth.Permissions;

/// <summary>Where a route's <see cref="ActionGroup"/> must be granted.</summary>
public enum AccessScope
{
    /// <summary>Any logged-in user may call the route; it shows each user only what it may see.</summary>
    AnyUser,

    /// <summary>A role granted on the system.</summary>
    System,

    /// <summary>A role granted on the system or on the VM named by the route's <c>{id}</c>.</summary>
    Vm,
}

/// <summary>
/// Endpoint metadata: what a route needs (<see cref="RouteAccessExtensions"/> adds it). A route without it is open to
/// SuperUsers only, so a route added without a thought is closed rather than open.
/// </summary>
public sealed record RouteAccess(AccessScope Scope, ActionGroup? Group, string VmRouteValue = "id")
{
    public override string ToString() => Scope switch
    {
        AccessScope.AnyUser => "any user",
        AccessScope.System => $"{Group} on the system",
        _ => $"{Group} on the VM",
    };
}
