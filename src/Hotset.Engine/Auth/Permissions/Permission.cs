using System.Diagnostics.CodeAnalysis;

namespace Hotset.Engine.Auth.Permissions;

/// <summary>
/// <see cref="RoleId"/> granted to <see cref="UserId"/> on one VM (<see cref="VmId"/>), or on the system (every
/// object) when <see cref="VmId"/> is null. oVirt's <c>permission</c>.
/// </summary>
[SuppressMessage("Naming", "CA1711", Justification = "oVirt's name for a granted role; not a CAS permission.")]
public sealed record Permission(Guid Id, Guid UserId, Guid RoleId, Guid? VmId)
{
    public bool IsSystem => VmId is null;
}
