using Hotset.Engine.Audit;
using Hotset.Engine.Vms;
using Host = Hotset.Engine.Hosts.Host;

namespace Hotset.Engine.Monitoring;

/// <summary>The audit events monitoring logs on its own, with oVirt's codes, severities and texts.</summary>
public static class MonitoringEvents
{
    public static AuditEvent HostNonResponsive(Host host) => new()
    {
        Code = AuditEventCodes.HostNonResponsive,
        Severity = AuditSeverity.Error,
        Message = $"Host {host.Name} is non responsive.",
        HostId = host.Id,
        ClusterId = host.ClusterId,
    };

    public static AuditEvent VmSetToUnknown(Vm vm, Host host) => new()
    {
        Code = AuditEventCodes.VmSetToUnknown,
        Severity = AuditSeverity.Warning,
        Message = $"VM {vm.Name} was set to the Unknown status.",
        VmId = vm.Id,
        HostId = host.Id,
        ClusterId = vm.ClusterId,
    };

    /// <summary>The VM's hypervisor process ended on its own (a crash, a kill): oVirt's VM_DOWN_ERROR.</summary>
    public static AuditEvent VmDownWithError(Vm vm, string? exitMessage, Host host) => new()
    {
        Code = AuditEventCodes.VmDownError,
        Severity = AuditSeverity.Error,
        Message = $"VM {vm.Name} is down with error.{Sentence(exitMessage)}",
        VmId = vm.Id,
        HostId = host.Id,
        ClusterId = vm.ClusterId,
    };

    // oVirt's text ends the exit message with a full stop; ours already have one.
    private static string Sentence(string? text) =>
        string.IsNullOrWhiteSpace(text) ? "" : " " + text.Trim().TrimEnd('.') + ".";
}
