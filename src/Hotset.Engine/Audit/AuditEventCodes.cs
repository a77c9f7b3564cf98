namespace Hotset.Engine.Audit;

/// <summary>
/// Every code the engine logs, in one list: oVirt's AuditLogType numbers with oVirt's texts (SPEC §7) and, from
/// 20000 up, Hotset's own, which oVirt has no counterpart for. <c>VmEvents</c> and <c>HostEvents</c> build the events.
/// </summary>
public static class AuditEventCodes
{
    /// <summary>oVirt <c>VDS_FAILURE</c> (error): Host ${VdsName} is non responsive.</summary>
    public const int HostNonResponsive = 12;

    /// <summary>VM ${VmName} started on Host ${VdsName}.</summary>
    public const int VmUp = 32;

    /// <summary>VM ${VmName} powered off by ${UserName} (Host: ${VdsName})${OptionalReason}.</summary>
    public const int VmPoweredOff = 33;

    /// <summary>VM ${VmName} was created by ${UserName}.</summary>
    public const int VmCreated = 34;

    /// <summary>oVirt <c>USER_UPDATE_VM</c>: VM ${VmName} configuration was updated by ${UserName}.</summary>
    public const int VmUpdated = 35;

    /// <summary>Host ${VdsName} was added by ${UserName}.</summary>
    public const int HostAdded = 42;

    /// <summary>VM ${VmName} is down. ${ExitMessage}</summary>
    public const int VmDown = 61;

    /// <summary>
    /// oVirt <c>VM_MIGRATION_START</c>: Migration started (VM: ${VmName}, Source: ${VdsName}, Destination:
    /// ${DestinationVdsName}, User: ${UserName}). ${OptionalReason}
    /// </summary>
    public const int MigrationStarted = 62;

    /// <summary>
    /// oVirt <c>VM_MIGRATION_DONE</c>: Migration completed (VM: ${VmName}, Source: ${VdsName}, Destination:
    /// ${DestinationVdsName}, Duration: ${Duration}, Total: ${TotalDuration}, Actual downtime: ${ActualDowntime})
    /// </summary>
    public const int MigrationDone = 63;

    /// <summary>oVirt <c>VM_MIGRATION_FAILED</c> (error): Migration failed${DueToMigrationError} (VM: ${VmName}, Source: ${VdsName}).</summary>
    public const int MigrationFailed = 65;

    /// <summary>VM shutdown initiated by ${UserName} on VM ${VmName} (Host: ${VdsName})${OptionalReason}.</summary>
    public const int VmShutdownInitiated = 73;

    /// <summary>VM ${VmName} was successfully removed.</summary>
    public const int VmRemoved = 113;

    /// <summary>
    /// oVirt <c>USER_VDC_LOGIN_FAILED</c> (error): User ${UserName} connecting from '${SourceIP}' failed to log
    /// in${LoginErrMsg}. Logged once when a user's or an address's failed logins reach the limit and further
    /// attempts are refused for a while.
    /// </summary>
    public const int LoginFailed = 114;

    /// <summary>oVirt <c>VM_DOWN_ERROR</c> (error): VM ${VmName} is down with error. ${ExitMessage}.</summary>
    public const int VmDownError = 119;

    /// <summary>oVirt <c>VM_SET_TO_UNKNOWN_STATUS</c> (warning): VM ${VmName} was set to the Unknown status.</summary>
    public const int VmSetToUnknown = 142;

    /// <summary>VM ${VmName} was started by ${UserName} (Host: ${VdsName}).</summary>
    public const int VmStarted = 153;

    /// <summary>VM ${VmName} is rebooting. Rebooted by: ${UserName}</summary>
    public const int VmRebooting = 157;

    /// <summary>
    /// oVirt <c>USER_ADD_PERMISSION</c>: User/Group ${SubjectName} was granted permission for Role ${RoleName} on
    /// ${VdcObjectType} ${VdcObjectName}, by ${UserName}.
    /// </summary>
    public const int PermissionAdded = 850;

    /// <summary>
    /// oVirt <c>USER_REMOVE_PERMISSION</c>: User/Group ${SubjectName} Role ${RoleName} permission was removed from
    /// ${VdcObjectType} ${VdcObjectName} by ${UserName}.
    /// </summary>
    public const int PermissionRemoved = 852;

    /// <summary>oVirt <c>HOT_SET_NUMBER_OF_CPUS</c>.</summary>
    public const int HotSet = 2033;

    /// <summary>oVirt <c>FAILED_HOT_SET_NUMBER_OF_CPUS</c>.</summary>
    public const int HotSetFailed = 2034;

    /// <summary>Hotset <c>HOT_SET_NUMBER_OF_CPUS_REBOOT_REQUIRED</c>: the guest OS takes the change only after a reboot.</summary>
    public const int HotSetRebootRequired = 20033;

    /// <summary>Hotset <c>VM_VCPU_COUNT_RECONCILED</c>: the host's vCPU count differed and the engine stored it.</summary>
    public const int VcpusReconciled = 20035;

    /// <summary>Hotset <c>VM_VCPU_COUNT_UNREPRESENTABLE</c>: the host's vCPU count is not whole sockets.</summary>
    public const int VcpusUnrepresentable = 20036;

    /// <summary>
    /// Hotset <c>VM_NEXT_RUN_NAME_TAKEN</c>: the VM went down but another VM took the name of its next-run
    /// configuration meanwhile; it keeps its name.
    /// </summary>
    public const int NextRunNameTaken = 20037;

    /// <summary>Hotset <c>USER_ADDED</c>: User ${SubjectName} was added by ${UserName}.</summary>
    public const int UserAdded = 20040;

    /// <summary>Hotset <c>USER_REMOVED</c>: User ${SubjectName} was removed by ${UserName}.</summary>
    public const int UserRemoved = 20041;
}
