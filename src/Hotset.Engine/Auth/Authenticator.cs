using System.Collections.Concurrent;
using System.Security.Cryptography;
using Hotset.Engine.Audit;
using Hotset.Engine.Persistence.Auth;
using Microsoft.Extensions.Options;

namespace Hotset.Engine.Auth;

/// <summary>
/// Checks passwords and access tokens, and issues and revokes tokens. A verified user/password pair is remembered
/// for a minute (by its SHA-256) so Basic authentication does not pay PBKDF2 on every request. Failed logins are
/// counted by <see cref="LoginThrottle"/>: a user or client address over its limit is refused without a check, and
/// reaching a limit is logged as an audit event.
/// </summary>
public sealed class Authenticator(IUserStore users, ITokenStore tokens, LoginThrottle throttle, IAuditLog audit,
    IOptions<AuthOptions> options, IOptions<LoginThrottleOptions> throttleOptions, TimeProvider clock)
{
    private static readonly TimeSpan VerifiedFor = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _verified = new();

    /// <summary>
    /// Whether <paramref name="password"/> is the password of <paramref name="userName"/>, asked from
    /// <paramref name="address"/> (the client's IP address); refused unchecked while either is throttled.
    /// </summary>
    public async Task<LoginResult> CheckPasswordAsync(string userName, string password, string address, CancellationToken ct)
    {
        if (throttle.Check(userName, address) is { } refusal)
        {
            return LoginResult.Refused(refusal);
        }

        var key = PasswordHasher.TokenHash(userName.ToLowerInvariant() + "\n" + password);
        var now = clock.GetUtcNow();
        if (_verified.TryGetValue(key, out var until) && until > now)
        {
            return LoginResult.Success;
        }

        var stored = await users.GetPasswordHashAsync(userName, ct);
        if (stored is null || !PasswordHasher.Verify(password, stored))
        {
            _verified.TryRemove(key, out _);
            foreach (var reached in throttle.RecordFailure(userName, address))
            {
                await audit.AddAsync(AuthEvents.LoginFailedRepeatedly(userName, address, reached, throttleOptions.Value), ct);
            }

            return LoginResult.Wrong;
        }

        throttle.RecordSuccess(userName);
        _verified[key] = now + VerifiedFor;
        return LoginResult.Success;
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
