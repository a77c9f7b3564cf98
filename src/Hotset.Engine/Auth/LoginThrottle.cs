using Microsoft.Extensions.Options;

namespace Hotset.Engine.Auth;

/// <summary>
/// Counts failed logins per user name and per client address over a sliding window (<see cref="LoginThrottleOptions"/>)
/// and refuses further attempts of a user or an address that reached its limit, until its oldest failure ages out.
/// Refused attempts are not counted, and a success clears its user's count (not its address's: one valid account
/// must not reset an address that guesses others' passwords). One per process, in memory.
/// </summary>
public sealed class LoginThrottle(IOptions<LoginThrottleOptions> options, TimeProvider clock)
{
    /// <summary>Above this many tracked keys, keys with no failure in the window are dropped.</summary>
    private const int PruneAbove = 10_000;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Queue<DateTimeOffset>> _failures = new(StringComparer.Ordinal);

    /// <summary>How long <paramref name="user"/> or <paramref name="address"/> must wait, or null when it may try now.</summary>
    public Refusal? Check(string user, string address)
    {
        var o = options.Value;
        var now = clock.GetUtcNow();
        lock (_lock)
        {
            return Wait(UserKey(user), o.MaxFailuresPerUser, now) is { } userWait ? new Refusal(LoginLimit.User, userWait)
                : Wait(AddressKey(address), o.MaxFailuresPerAddress, now) is { } addressWait ? new Refusal(LoginLimit.Address, addressWait)
                : null;
        }
    }

    /// <summary>Counts a failed login; returns the limits this failure reached (each is reported once), usually none.</summary>
    public IReadOnlyList<LoginLimit> RecordFailure(string user, string address)
    {
        var o = options.Value;
        var now = clock.GetUtcNow();
        lock (_lock)
        {
            if (_failures.Count > PruneAbove)
            {
                Prune(now);
            }

            var userReached = Add(UserKey(user), now) == o.MaxFailuresPerUser;
            var addressReached = Add(AddressKey(address), now) == o.MaxFailuresPerAddress;
            return (userReached, addressReached) switch
            {
                (true, true) => [LoginLimit.User, LoginLimit.Address],
                (true, false) => [LoginLimit.User],
                (false, true) => [LoginLimit.Address],
                _ => [],
            };
        }
    }

    public void RecordSuccess(string user)
    {
        lock (_lock)
        {
            _failures.Remove(UserKey(user));
        }
    }

    private static string UserKey(string user) => "user\n" + user.ToLowerInvariant();

    private static string AddressKey(string address) => "address\n" + address;

    private TimeSpan? Wait(string key, int max, DateTimeOffset now)
    {
        if (!_failures.TryGetValue(key, out var times))
        {
            return null;
        }

        Expire(times, now);
        return times.Count >= max ? times.Peek() + options.Value.Window - now : null;
    }

    private int Add(string key, DateTimeOffset now)
    {
        if (!_failures.TryGetValue(key, out var times))
        {
            _failures[key] = times = new Queue<DateTimeOffset>();
        }

        Expire(times, now);
        times.Enqueue(now);
        return times.Count;
    }

    private void Expire(Queue<DateTimeOffset> times, DateTimeOffset now)
    {
        while (times.Count > 0 && times.Peek() + options.Value.Window <= now)
        {
            times.Dequeue();
        }
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, times) in _failures.ToList())
        {
            Expire(times, now);
            if (times.Count == 0)
            {
                _failures.Remove(key);
            }
        }
    }
}

/// <summary>Which count a login hit.</summary>
public enum LoginLimit
{
    User,
    Address,
}

/// <summary>A login refused without checking the password: <see cref="Limit"/> was reached; try again after <see cref="RetryAfter"/>.</summary>
public sealed record Refusal(LoginLimit Limit, TimeSpan RetryAfter);
