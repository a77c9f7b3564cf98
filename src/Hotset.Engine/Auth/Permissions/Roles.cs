namespace Hotset.Engine.Auth.Permissions;

/// <summary>
/// The roles Hotset knows; fixed, not editable (oVirt's predefined roles of the same names). A role granted on the
/// system applies to every object; granted on a VM, to that VM only.
/// </summary>
public static class Roles
{
    public static Role SuperUser { get; } = new(Guid.Parse("00000000-0000-0000-0000-000000000001"), "SuperUser",
        "Roles management administrator: everything, everywhere.", Administrative: true,
        Enum.GetValues<ActionGroup>().ToHashSet());

    public static Role UserVmManager { get; } = new(Guid.Parse("def00006-0000-0000-0000-def000000006"), "UserVmManager",
        "A VM's user: read it, start, stop, shut down and reboot it, and change its configuration (CPUs included).",
        Administrative: false, new HashSet<ActionGroup> { ActionGroup.ReadVm, ActionGroup.OperateVm, ActionGroup.EditVm });

    public static Role ReadOnlyAdmin { get; } = new(Guid.Parse("def0000b-0000-0000-0000-def00000000b"), "ReadOnlyAdmin",
        "Read everything, change nothing.", Administrative: true,
        new HashSet<ActionGroup> { ActionGroup.ReadSystem, ActionGroup.ReadVm });

    public static IReadOnlyList<Role> All { get; } = [SuperUser, UserVmManager, ReadOnlyAdmin];

    public static Role? Find(Guid id) => All.FirstOrDefault(r => r.Id == id);

    public static Role? Find(string name) => All.FirstOrDefault(r => r.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
}
