using Hotset.Engine.Audit;
using Host = Hotset.Engine.Hosts.Host;

namespace Hotset.Engine.Vms.Commands;

/// <summary>
/// The audit events of VM commands and monitoring, with oVirt's AuditLogType codes and texts (SPEC §7). Codes of
/// 20000 and above are Hotset's own; oVirt has no counterpart.
/// </summary>
public static class VmEvents
{
    /// <summary>oVirt <c>USER_UPDATE_VM</c>.</summary>
    public const int UpdatedCode = 35;

    /// <summary>oVirt <c>HOT_SET_NUMBER_OF_CPUS</c>.</summary>
    public const int HotSetCode = 2033;

    /// <summary>oVirt <c>FAILED_HOT_SET_NUMBER_OF_CPUS</c>.</summary>
    public const int HotSetFailedCode = 2034;

    /// <summary>Hotset <c>HOT_SET_NUMBER_OF_CPUS_REBOOT_REQUIRED</c>: the guest OS takes the change only after a reboot.</summary>
    public const int HotSetRebootRequiredCode = 20033;

    /// <summary>Hotset <c>VM_VCPU_COUNT_RECONCILED</c>: the host's vCPU count differed and the engine stored it.</summary>
    public const int VcpusReconciledCode = 20035;

    /// <summary>Hotset <c>VM_VCPU_COUNT_UNREPRESENTABLE</c>: the host's vCPU count is not whole sockets.</summary>
    public const int VcpusUnrepresentableCode = 20036;

    public const int CreatedCode = 34;
    public const int StartedCode = 153;
    public const int UpCode = 32;
    public const int PoweredOffCode = 33;
    public const int ShutdownCode = 73;
    public const int DownCode = 61;
    public const int RebootingCode = 157;

    public static AuditEvent Updated(Vm vm, Caller caller) =>
        Of(vm, caller, UpdatedCode, AuditSeverity.Normal,
            $"VM {vm.Name} configuration was updated by {caller.UserName}.");

    public static AuditEvent HotSet(Vm vm, Caller caller, int previousCpus, int cpus) =>
        Of(vm, caller, HotSetCode, AuditSeverity.Normal,
            $"Hotplug CPU: changed the number of CPUs on VM {vm.Name} from {previousCpus} to {cpus}");

    public static AuditEvent HotSetFailed(Vm vm, Caller caller, string errorMessage) =>
        Of(vm, caller, HotSetFailedCode, AuditSeverity.Error,
            $"Failed to hot set number of CPUS to VM {vm.Name}. Underlying error message: {errorMessage}");

    /// <summary>The text is <see cref="Core.Vms.VmFaults.GuestOsRequiresReboot"/>'s: the change waits for a restart.</summary>
    public static AuditEvent HotSetRebootRequired(Vm vm, Caller caller, string message) =>
        Of(vm, caller, HotSetRebootRequiredCode, AuditSeverity.Warning, message);

    public static AuditEvent VcpusReconciled(Vm vm, string hostName, int storedCpus, int hostCpus, int sockets) =>
        Of(vm, null, VcpusReconciledCode, AuditSeverity.Warning,
            $"VM {vm.Name} has {hostCpus} vCPUs on host {hostName}, not the {storedCpus} the engine had stored " +
            $"(a CPU change completed on the host after the engine stopped waiting); the engine now records {sockets} sockets.",
            vm.RunOnHostId);

    public static AuditEvent VcpusUnrepresentable(Vm vm, string hostName, int storedCpus, int hostCpus) =>
        Of(vm, null, VcpusUnrepresentableCode, AuditSeverity.Warning,
            $"VM {vm.Name} has {hostCpus} vCPUs on host {hostName}, not the {storedCpus} the engine has stored, and " +
            $"{hostCpus} is not a whole number of sockets of {vm.Configuration.Topology.CpusPerSocket} vCPUs; " +
            "set the number of sockets to bring them back in line.",
            vm.RunOnHostId);

    public static AuditEvent Created(Vm vm, Caller caller) =>
        Of(vm, caller, CreatedCode, AuditSeverity.Normal, $"VM {vm.Name} was created by {caller.UserName}.");

    public static AuditEvent Started(Vm vm, Caller caller, Host host) =>
        Of(vm, caller, StartedCode, AuditSeverity.Normal,
            $"VM {vm.Name} was started by {caller.UserName} (Host: {host.Name}).", host.Id);

    public static AuditEvent Up(Vm vm, Host host, string? correlationId = null) =>
        Of(vm, null, UpCode, AuditSeverity.Normal, $"VM {vm.Name} started on Host {host.Name}", host.Id) with
        {
            CorrelationId = correlationId,
        };

    public static AuditEvent PoweredOff(Vm vm, Caller caller, string hostName, string? reason) =>
        Of(vm, caller, PoweredOffCode, AuditSeverity.Normal,
            $"VM {vm.Name} powered off by {caller.UserName} (Host: {hostName}){OptionalReason(reason)}.", vm.RunOnHostId);

    public static AuditEvent ShutdownInitiated(Vm vm, Caller caller, string hostName, string? reason) =>
        Of(vm, caller, ShutdownCode, AuditSeverity.Normal,
            $"VM shutdown initiated by {caller.UserName} on VM {vm.Name} (Host: {hostName}){OptionalReason(reason)}.",
            vm.RunOnHostId);

    public static AuditEvent Down(Vm vm, string? exitMessage, Guid? hostId) =>
        Of(vm, null, DownCode, AuditSeverity.Normal, $"VM {vm.Name} is down. {exitMessage}".TrimEnd(), hostId);

    public static AuditEvent Rebooting(Vm vm, Caller caller) =>
        Of(vm, caller, RebootingCode, AuditSeverity.Normal, $"VM {vm.Name} is rebooting. Rebooted by: {caller.UserName}",
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
