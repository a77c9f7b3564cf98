namespace Hotset.Engine.Persistence.Auth;

/// <summary>Engine users (<c>admin@internal</c>) and their PBKDF2 password hashes.</summary>
public interface IUserStore
{
    /// <summary>The stored hash of <paramref name="userName"/> (case-insensitive), or null when there is no such user.</summary>
    Task<string?> GetPasswordHashAsync(string userName, CancellationToken ct);

    /// <summary>Creates the user or replaces its password hash.</summary>
    Task SetPasswordHashAsync(string userName, string passwordHash, CancellationToken ct);
}
