using Hotset.Engine.Auth.Permissions;

namespace Hotset.Engine.Tests.Auth.Access;

/// <summary>The permission rules alone: roles on the system reach every VM, roles on a VM only that VM.</summary>
public sealed class UserAccessTests
{
    private static readonly Guid VmA = Guid.NewGuid();
    private static readonly Guid VmB = Guid.NewGuid();

    [Fact]
    public void Allows_NoDeclaration_OnlySuperUsers()
    {
        Assert.True(Access("admin@internal").Allows(null, null));
        Assert.True(Access("root@internal", Grant(Roles.SuperUser, null)).Allows(null, null));
        Assert.False(Access("r@internal", Grant(Roles.ReadOnlyAdmin, null)).Allows(null, null));
        // SuperUser on one VM is not SuperUser of the engine.
        Assert.False(Access("v@internal", Grant(Roles.SuperUser, VmA)).Allows(null, VmA));
    }

    [Theory]
    [InlineData(ActionGroup.ReadVm, true, false)]
    [InlineData(ActionGroup.OperateVm, true, false)]
    [InlineData(ActionGroup.EditVm, true, false)]
    [InlineData(ActionGroup.DeleteVm, false, false)]
    [InlineData(ActionGroup.ManageVmPermissions, false, false)]
    public void Allows_UserVmManagerOnVmA(ActionGroup group, bool onA, bool onB)
    {
        var access = Access("m@internal", Grant(Roles.UserVmManager, VmA));
        var rule = new RouteAccess(AccessScope.Vm, group);
        Assert.Equal((onA, onB), (access.Allows(rule, VmA), access.Allows(rule, VmB)));
        Assert.False(access.Allows(new RouteAccess(AccessScope.System, ActionGroup.ReadSystem), null));
        Assert.True(access.Allows(new RouteAccess(AccessScope.AnyUser, null), null));
    }

    [Fact]
    public void Allows_SystemRoleReachesEveryVm()
    {
        var access = Access("m@internal", Grant(Roles.UserVmManager, null));
        Assert.True(access.Allows(new RouteAccess(AccessScope.Vm, ActionGroup.OperateVm), VmB));
        Assert.Empty(access.VmsWith(ActionGroup.ReadVm));
        Assert.True(access.AllowsOnSystem(ActionGroup.ReadVm));
    }

    private static Permission Grant(Role role, Guid? vm) => new(Guid.NewGuid(), Guid.NewGuid(), role.Id, vm);

    private static UserAccess Access(string user, params Permission[] permissions) => new(user, permissions);
}
