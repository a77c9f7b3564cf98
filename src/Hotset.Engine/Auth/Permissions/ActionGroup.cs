namespace Hotset.Engine.Auth.Permissions;

/// <summary>
/// What a route does, in the coarse groups roles grant (oVirt's <c>ActionGroup</c>, cut to Hotset's routes). A route
/// declares one group and where it applies (<see cref="AccessScope"/>); a role is a set of groups.
/// </summary>
public enum ActionGroup
{
    /// <summary>Read system-wide objects: hosts, clusters, templates, events, engine configuration, users, permissions.</summary>
    ReadSystem,

    /// <summary>Change system-wide objects: hosts, clusters, engine configuration, users, system permissions; create VMs.</summary>
    ConfigureSystem,

    /// <summary>Read a VM: the VM, its CPU views, its permissions.</summary>
    ReadVm,

    /// <summary>Start, stop, shut down and reboot a VM (oVirt's <c>VM_BASIC_OPERATIONS</c>).</summary>
    OperateVm,

    /// <summary>Live-migrate a VM to another host and cancel its migration (oVirt's <c>MIGRATE_VM</c>, an administrator's group).</summary>
    MigrateVm,

    /// <summary>Change a VM's configuration, its CPUs (hot plug) included (oVirt's <c>EDIT_VM_PROPERTIES</c>).</summary>
    EditVm,

    /// <summary>Remove a VM.</summary>
    DeleteVm,

    /// <summary>Grant and revoke permissions on a VM (oVirt's <c>MANIPULATE_PERMISSIONS</c>).</summary>
    ManageVmPermissions,
}
