using System.Globalization;
using Hotset.Engine.Audit;
using Host = Hotset.Engine.Hosts.Host;

namespace Hotset.Engine.Vms.Migration;

/// <summary>The audit events of a live migration, with oVirt's codes and texts (62, 63, 65; SPEC §7).</summary>
public static class MigrationEvents
{
    public static AuditEvent Started(Vm vm, Caller caller, Host source, Host destination) =>
        Of(vm, caller, AuditEventCodes.MigrationStarted, AuditSeverity.Normal,
            $"Migration started (VM: {vm.Name}, Source: {source.Name}, Destination: {destination.Name}, User: " +
            $"{caller.UserName}).", source.Id);

    /// <summary><paramref name="duration"/>: as the engine saw it (call to end); total and downtime: QEMU's.</summary>
    public static AuditEvent Done(Vm vm, Caller caller, Host source, Host destination, TimeSpan duration,
        long totalMs, long downtimeMs) =>
        Of(vm, caller, AuditEventCodes.MigrationDone, AuditSeverity.Normal,
            $"Migration completed (VM: {vm.Name}, Source: {source.Name}, Destination: {destination.Name}, Duration: " +
            $"{Seconds(duration.TotalMilliseconds)}, Total: {Seconds(totalMs)}, Actual downtime: {downtimeMs}ms)",
            destination.Id);

    /// <summary>oVirt's <c>${DueToMigrationError}</c> is ": " and the reason.</summary>
    public static AuditEvent Failed(Vm vm, Caller caller, Host source, string reason) =>
        Of(vm, caller, AuditEventCodes.MigrationFailed, AuditSeverity.Error,
            $"Migration failed: {reason.TrimEnd('.')} (VM: {vm.Name}, Source: {source.Name}).", source.Id);

    private static string Seconds(double milliseconds) =>
        (milliseconds / 1000).ToString("0.###", CultureInfo.InvariantCulture) + " seconds";

    private static AuditEvent Of(Vm vm, Caller caller, int code, AuditSeverity severity, string message, Guid hostId) => new()
    {
        Code = code,
        Severity = severity,
        Message = message,
        VmId = vm.Id,
        HostId = hostId,
        ClusterId = vm.ClusterId,
        UserName = caller.UserName,
        CorrelationId = caller.CorrelationId,
    };
}
