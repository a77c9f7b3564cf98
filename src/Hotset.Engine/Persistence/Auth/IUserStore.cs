using Hotset.Engine.Auth;

namespace Hotset.Engine.Persistence.Auth;

/// <summary>Engine users (<c>admin@internal</c> and the users an administrator adds) and their PBKDF2 password hashes.</summary>
public interface IUserStore
{
    /// <summary>The stored hash of <paramref name="userName"/> (case-insensitive), or null when there is no such user.</summary>
    Task<string?> GetPasswordHashAsync(string userName, CancellationToken ct);

    /// <summary>Creates the user (with a new id) or replaces its password hash.</summary>
    Task SetPasswordHashAsync(string userName, string passwordHash, CancellationToken ct);

    /// <summary>Every user, by name.</summary>
    Task<IReadOnlyList<EngineUser>> ListAsync(CancellationToken ct);

    Task<EngineUser?> GetAsync(Guid id, CancellationToken ct);

    /// <summary>The user named <paramref name="userName"/> (case-insensitive), or null.</summary>
    Task<EngineUser?> FindAsync(string userName, CancellationToken ct);

    /// <summary>Adds a user; throws <see cref="DuplicateNameException"/> when the name is taken.</summary>
    Task AddAsync(EngineUser user, string passwordHash, CancellationToken ct);

    /// <summary>Removes the user with its permissions and access tokens, in one transaction; false when unknown.</summary>
    Task<bool> RemoveAsync(Guid id, CancellationToken ct);
}
