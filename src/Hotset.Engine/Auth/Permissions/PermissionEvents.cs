using Hotset.Engine.Audit;
using Hotset.Engine.Vms;

namespace Hotset.Engine.Auth.Permissions;

/// <summary>The audit events of users and permissions, with oVirt's codes and texts where oVirt has them.</summary>
public static class PermissionEvents
{
    public static AuditEvent UserAdded(EngineUser user, Caller caller) =>
        Of(AuditEventCodes.UserAdded, $"User {user.UserName} was added by {caller.UserName}.", caller, null);

    public static AuditEvent UserRemoved(EngineUser user, Caller caller) =>
        Of(AuditEventCodes.UserRemoved, $"User {user.UserName} was removed by {caller.UserName}.", caller, null);

    public static AuditEvent Granted(EngineUser user, Role role, string objectText, Guid? vmId, Caller caller) =>
        Of(AuditEventCodes.PermissionAdded,
            $"User/Group {user.UserName} was granted permission for Role {role.Name} on {objectText}, by {caller.UserName}.",
            caller, vmId);

    public static AuditEvent Revoked(string userName, Role role, string objectText, Guid? vmId, Caller caller) =>
        Of(AuditEventCodes.PermissionRemoved,
            $"User/Group {userName} Role {role.Name} permission was removed from {objectText} by {caller.UserName}.",
            caller, vmId);

    private static AuditEvent Of(int code, string message, Caller caller, Guid? vmId) => new()
    {
        Code = code,
        Severity = AuditSeverity.Normal,
        Message = message,
        VmId = vmId,
        UserName = caller.UserName,
        CorrelationId = caller.CorrelationId,
    };
}
