using Hotset.Engine.Audit;
using Hotset.Engine.Vms;

namespace Hotset.Engine.Hosts;

/// <summary>The audit events of host commands, with oVirt's texts; the codes are <see cref="AuditEventCodes"/>'s.</summary>
public static class HostEvents
{
    public static AuditEvent Added(Host host, Caller caller) => new()
    {
        Code = AuditEventCodes.HostAdded,
        Severity = AuditSeverity.Normal,
        Message = $"Host {host.Name} was added by {caller.UserName}.",
        HostId = host.Id,
        ClusterId = host.ClusterId,
        UserName = caller.UserName,
        CorrelationId = caller.CorrelationId,
    };
}
