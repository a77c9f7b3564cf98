using System.Collections.Concurrent;
using System.Security.Cryptography;
using Hotset.Engine.Persistence.Auth;
using Microsoft.Extensions.Options;

namespace Hotset.Engine.Auth;

/// <summary>
/// Checks passwords and access tokens, and issues and revokes tokens. A verified user/password pair is remembered
/// for a minute (by its SHA-256) so Basic authentication does not pay PBKDF2 on every request.
/// </summary>
public sealed class Authenticator(IUserStore users, ITokenStore tokens, IOptions<AuthOptions> options, TimeProvider clock)
{
    private static readonly TimeSpan VerifiedFor = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _verified = new();

    /// <summary>True when <paramref name="password"/> is the password of <paramref name="userName"/>.</summary>
    public async Task<bool> CheckPasswordAsync(string userName, string password, CancellationToken ct)
    {
        var key = PasswordHasher.TokenHash(userName.ToLowerInvariant() + "\n" + password);
        var now = clock.GetUtcNow();
        if (_verified.TryGetValue(key, out var until) && until > now)
        {
            return true;
        }

        var stored = await users.GetPasswordHashAsync(userName, ct);
        if (stored is null || !PasswordHasher.Verify(password, stored))
        {
            _verified.TryRemove(key, out _);
            return false;
        }

        _verified[key] = now + VerifiedFor;
        return true;
    }

    /// <summary>A new access token for a user whose password was checked.</summary>
    public async Task<(string Token, DateTimeOffset ExpiresAt)> IssueAsync(string userName, CancellationToken ct)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        var now = clock.GetUtcNow();
        var expires = now + options.Value.TokenLifetime;
        await tokens.RemoveExpiredAsync(now, ct);
        await tokens.AddAsync(new StoredToken(PasswordHasher.TokenHash(token), userName.ToLowerInvariant(), now, expires), ct);
        return (token, expires);
    }

    /// <summary>The user a token belongs to, or null when it is unknown, revoked or expired.</summary>
    public async Task<string?> ValidateTokenAsync(string token, CancellationToken ct)
    {
        var stored = await tokens.FindAsync(PasswordHasher.TokenHash(token), ct);
        return stored is not null && stored.ExpiresAt > clock.GetUtcNow() ? stored.UserName : null;
    }

    public Task<bool> RevokeAsync(string token, CancellationToken ct) => tokens.RemoveAsync(PasswordHasher.TokenHash(token), ct);

    /// <summary>Forgets remembered passwords (after a password change).</summary>
    public void ForgetVerified() => _verified.Clear();
}
