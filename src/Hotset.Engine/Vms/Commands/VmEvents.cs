using Hotset.Engine.Audit;
using Host = Hotset.Engine.Hosts.Host;

namespace Hotset.Engine.Vms.Commands;

/// <summary>
/// The audit events of VM commands and monitoring, with oVirt's texts (SPEC §7); the codes are
/// <see cref="AuditEventCodes"/>'s.
/// </summary>
public static class VmEvents
{
    public static AuditEvent Updated(Vm vm, Caller caller) =>
        Of(vm, caller, AuditEventCodes.VmUpdated, AuditSeverity.Normal,
            $"VM {vm.Name} configuration was updated by {caller.UserName}.");

    public static AuditEvent HotSet(Vm vm, Caller caller, int previousCpus, int cpus) =>
        Of(vm, caller, AuditEventCodes.HotSet, AuditSeverity.Normal,
            $"Hotplug CPU: changed the number of CPUs on VM {vm.Name} from {previousCpus} to {cpus}");

    public static AuditEvent HotSetFailed(Vm vm, Caller caller, string errorMessage) =>
        Of(vm, caller, AuditEventCodes.HotSetFailed, AuditSeverity.Error,
            $"Failed to hot set number of CPUS to VM {vm.Name}. Underlying error message: {errorMessage}");

    /// <summary>The text is <see cref="Core.Vms.VmFaults.GuestOsRequiresReboot"/>'s: the change waits for a restart.</summary>
    public static AuditEvent HotSetRebootRequired(Vm vm, Caller caller, string message) =>
        Of(vm, caller, AuditEventCodes.HotSetRebootRequired, AuditSeverity.Warning, message);

    public static AuditEvent VcpusReconciled(Vm vm, string hostName, int storedCpus, int hostCpus, int sockets) =>
        Of(vm, null, AuditEventCodes.VcpusReconciled, AuditSeverity.Warning,
            $"VM {vm.Name} has {hostCpus} vCPUs on host {hostName}, not the {storedCpus} the engine had stored " +
            $"(a CPU change completed on the host after the engine stopped waiting); the engine now records {sockets} sockets.",
            vm.RunOnHostId);

    public static AuditEvent VcpusUnrepresentable(Vm vm, string hostName, int storedCpus, int hostCpus) =>
        Of(vm, null, AuditEventCodes.VcpusUnrepresentable, AuditSeverity.Warning,
            $"VM {vm.Name} has {hostCpus} vCPUs on host {hostName}, not the {storedCpus} the engine has stored, and " +
            $"{hostCpus} is not a whole number of sockets of {vm.Configuration.Topology.CpusPerSocket} vCPUs; " +
            "set the number of sockets to bring them back in line.",
            vm.RunOnHostId);

    public static AuditEvent NextRunNameTaken(Vm vm, string pendingName) =>
        Of(vm, null, AuditEventCodes.NextRunNameTaken, AuditSeverity.Warning,
            $"VM {vm.Name} could not take the name {pendingName} of its next-run configuration: another VM has that " +
            "name now. The VM keeps its name; the rest of the configuration was applied.");

    public static AuditEvent Created(Vm vm, Caller caller) =>
        Of(vm, caller, AuditEventCodes.VmCreated, AuditSeverity.Normal, $"VM {vm.Name} was created by {caller.UserName}.");

    public static AuditEvent Removed(Vm vm, Caller caller) =>
        Of(vm, caller, AuditEventCodes.VmRemoved, AuditSeverity.Normal, $"VM {vm.Name} was successfully removed.");

    public static AuditEvent Started(Vm vm, Caller caller, Host host) =>
        Of(vm, caller, AuditEventCodes.VmStarted, AuditSeverity.Normal,
            $"VM {vm.Name} was started by {caller.UserName} (Host: {host.Name}).", host.Id);

    public static AuditEvent Up(Vm vm, Host host, string? correlationId = null) =>
        Of(vm, null, AuditEventCodes.VmUp, AuditSeverity.Normal, $"VM {vm.Name} started on Host {host.Name}", host.Id) with
        {
            CorrelationId = correlationId,
        };

    public static AuditEvent PoweredOff(Vm vm, Caller caller, string hostName, string? reason) =>
        Of(vm, caller, AuditEventCodes.VmPoweredOff, AuditSeverity.Normal,
            $"VM {vm.Name} powered off by {caller.UserName} (Host: {hostName}){OptionalReason(reason)}.", vm.RunOnHostId);

    public static AuditEvent ShutdownInitiated(Vm vm, Caller caller, string hostName, string? reason) =>
        Of(vm, caller, AuditEventCodes.VmShutdownInitiated, AuditSeverity.Normal,
            $"VM shutdown initiated by {caller.UserName} on VM {vm.Name} (Host: {hostName}){OptionalReason(reason)}.",
            vm.RunOnHostId);

    public static AuditEvent Down(Vm vm, string? exitMessage, Guid? hostId) =>
        Of(vm, null, AuditEventCodes.VmDown, AuditSeverity.Normal, $"VM {vm.Name} is down. {exitMessage}".TrimEnd(), hostId);

    public static AuditEvent Rebooting(Vm vm, Caller caller) =>
        Of(vm, caller, AuditEventCodes.VmRebooting, AuditSeverity.Normal, $"VM {vm.Name} is rebooting. Rebooted by: {caller.UserName}",
            vm.RunOnHostId);

    private static string OptionalReason(string? reason) =>
        string.IsNullOrWhiteSpace(reason) ? "" : $" (Reason: {reason})";

    private static AuditEvent Of(Vm vm, Caller? caller, int code, AuditSeverity severity, string message,
        Guid? hostId = null) => new()
        {
            Code = code,
            Severity = severity,
            Message = message,
            VmId = vm.Id,
            HostId = hostId,
            ClusterId = vm.ClusterId,
            UserName = caller?.UserName,
            CorrelationId = caller?.CorrelationId,
        };
}
