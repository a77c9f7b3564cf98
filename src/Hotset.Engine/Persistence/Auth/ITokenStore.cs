namespace Hotset.Engine.Persistence.Auth;

/// <summary>Issued access tokens, by the SHA-256 of the token (the token itself is never stored).</summary>
public interface ITokenStore
{
    Task AddAsync(StoredToken token, CancellationToken ct);

    Task<StoredToken?> FindAsync(string tokenHash, CancellationToken ct);

    /// <summary>Revokes a token; false when it was unknown.</summary>
    Task<bool> RemoveAsync(string tokenHash, CancellationToken ct);

    /// <summary>Deletes tokens that expired before <paramref name="now"/>; returns how many.</summary>
    Task<int> RemoveExpiredAsync(DateTimeOffset now, CancellationToken ct);
}

/// <summary>One issued token: whose, and until when it is valid.</summary>
public sealed record StoredToken(string TokenHash, string UserName, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt);
