namespace Hotset.Engine.Auth;

/// <summary>The outcome of a password check: accepted, wrong, or refused unchecked because of too many failures.</summary>
public sealed record LoginResult(bool Succeeded, Refusal? Refusal)
{
    public static LoginResult Success { get; } = new(true, null);

    public static LoginResult Wrong { get; } = new(false, null);

    public static LoginResult Refused(Refusal refusal) => new(false, refusal);

    /// <summary>The sentence a refused caller hears.</summary>
    public string RefusalMessage(string user, string address) => Refusal is null
        ? ""
        : (Refusal.Limit == LoginLimit.User ? $"Too many failed logins of user '{user}'" : $"Too many failed logins from {address}")
            + $"; try again in {RetrySeconds} seconds.";

    /// <summary>Whole seconds to wait (rounded up), for <c>Retry-After</c>.</summary>
    public int RetrySeconds => Refusal is null ? 0 : Math.Max(1, (int)Math.Ceiling(Refusal.RetryAfter.TotalSeconds));
}
