using Hotset.Engine.Auth.Permissions;

namespace Hotset.Engine.Persistence.Auth;

/// <summary>Granted roles: who has which role on the system or on a VM.</summary>
public interface IPermissionStore
{
    /// <summary>Every permission of the user named <paramref name="userName"/> (case-insensitive); read on each request.</summary>
    Task<IReadOnlyList<Permission>> ListOfUserAsync(string userName, CancellationToken ct);

    /// <summary>The permissions on VM <paramref name="vmId"/>, or on the system when it is null.</summary>
    Task<IReadOnlyList<Permission>> ListOnAsync(Guid? vmId, CancellationToken ct);

    Task<Permission?> GetAsync(Guid id, CancellationToken ct);

    /// <summary>Adds a permission; false when the user already has that role on that object.</summary>
    Task<bool> AddAsync(Permission permission, CancellationToken ct);

    Task<bool> RemoveAsync(Guid id, CancellationToken ct);
}
