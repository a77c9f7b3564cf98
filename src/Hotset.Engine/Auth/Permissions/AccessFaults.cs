using Hotset.Engine.Api;
using Hotset.Engine.Api.Representations;

namespace Hotset.Engine.Auth.Permissions;

/// <summary>The refusal of a request the caller's roles do not allow: 403 with oVirt's text, and what would allow it.</summary>
internal static class AccessFaults
{
    public const string NotAuthorized = "User is not authorized to perform this action.";

    public static NodeResult Denied(string userName, RouteAccess? rule)
    {
        var needs = rule switch
        {
            { Scope: AccessScope.Vm, Group: { } group } =>
                $"it needs a role that grants {group} on this VM or on the system ({RolesWith(group)})",
            { Group: { } group } => $"it needs a role on the system that grants {group} ({RolesWith(group)})",
            _ => "it is open to SuperUsers only",
        };
        return new NodeResult(new Node("fault").Add("reason", FaultResults.Reason)
                .Add("detail", $"[{NotAuthorized} {userName} may not do this: {needs}. Ask an administrator for a permission.]"),
            StatusCodes.Status403Forbidden);
    }

    private static string RolesWith(ActionGroup group) =>
        string.Join(" or ", Roles.All.Where(r => r.Grants(group)).Select(r => r.Name));
}
