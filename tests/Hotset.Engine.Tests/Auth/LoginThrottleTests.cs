using Hotset.Engine.Auth;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Hotset.Engine.Tests.Auth;

/// <summary>The failed-login counts per user and per address, on a fake clock.</summary>
public sealed class LoginThrottleTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 3, 4, 0, 0, TimeSpan.Zero));
    private readonly LoginThrottleOptions _options = new() { MaxFailuresPerUser = 3, MaxFailuresPerAddress = 5, Window = TimeSpan.FromMinutes(5) };
    private readonly LoginThrottle _throttle;

    public LoginThrottleTests() => _throttle = new LoginThrottle(Options.Create(_options), _clock);

    [Fact]
    public void RecordFailure_UpToTheUserLimit_ReportsTheLimitOnceThenRefusesThatUserOnly()
    {
        Assert.Empty(_throttle.RecordFailure("admin@internal", "10.0.0.1"));
        Assert.Null(_throttle.Check("admin@internal", "10.0.0.1"));
        Assert.Empty(_throttle.RecordFailure("ADMIN@internal", "10.0.0.2"));
        Assert.Equal([LoginLimit.User], _throttle.RecordFailure("admin@internal", "10.0.0.3"));

        var refusal = _throttle.Check("admin@internal", "10.0.0.9");
        Assert.Equal(new Refusal(LoginLimit.User, TimeSpan.FromMinutes(5)), refusal);
        Assert.Null(_throttle.Check("other@internal", "10.0.0.1"));
    }

    [Fact]
    public void Check_OldestFailureAgesOut_AllowsOneMoreAttempt()
    {
        for (var i = 0; i < 3; i++)
        {
            _throttle.RecordFailure("admin@internal", "10.0.0.1");
            _clock.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Equal(TimeSpan.FromMinutes(2), _throttle.Check("admin@internal", "10.0.0.1")?.RetryAfter);

        _clock.Advance(TimeSpan.FromMinutes(2));

        Assert.Null(_throttle.Check("admin@internal", "10.0.0.1"));
        Assert.Equal([LoginLimit.User], _throttle.RecordFailure("admin@internal", "10.0.0.1"));
        Assert.NotNull(_throttle.Check("admin@internal", "10.0.0.1"));
    }

    [Fact]
    public void RecordFailure_ManyUsersFromOneAddress_RefusesTheAddressForEveryUser()
    {
        for (var i = 0; i < 4; i++)
        {
            Assert.Empty(_throttle.RecordFailure($"user{i}@internal", "10.0.0.66"));
        }

        Assert.Equal([LoginLimit.Address], _throttle.RecordFailure("user4@internal", "10.0.0.66"));

        Assert.Equal(LoginLimit.Address, _throttle.Check("admin@internal", "10.0.0.66")?.Limit);
        Assert.Null(_throttle.Check("admin@internal", "10.0.0.1"));
    }

    [Fact]
    public void RecordSuccess_ClearsTheUserButNotTheAddress()
    {
        _throttle.RecordFailure("admin@internal", "10.0.0.1");
        _throttle.RecordFailure("admin@internal", "10.0.0.1");
        _throttle.RecordSuccess("admin@internal");

        Assert.Empty(_throttle.RecordFailure("admin@internal", "10.0.0.1"));
        Assert.Empty(_throttle.RecordFailure("admin@internal", "10.0.0.1"));
        Assert.Equal([LoginLimit.User, LoginLimit.Address], _throttle.RecordFailure("admin@internal", "10.0.0.1"));

        _throttle.RecordSuccess("admin@internal");
        Assert.Equal(LoginLimit.Address, _throttle.Check("admin@internal", "10.0.0.1")?.Limit);
        Assert.Null(_throttle.Check("admin@internal", "10.0.0.2"));
    }
}
