using Hotset.Engine.Audit;

namespace Hotset.Engine.Auth;

/// <summary>The audit events of logins, with oVirt's codes and texts.</summary>
public static class AuthEvents
{
    /// <summary>Longest user name an event quotes; the rest of a longer one is cut.</summary>
    public const int MaxUserNameLength = 256;

    /// <summary>oVirt's USER_VDC_LOGIN_FAILED, logged when failed logins reach a limit of <see cref="LoginThrottle"/>.</summary>
    public static AuditEvent LoginFailedRepeatedly(string user, string address, LoginLimit limit, LoginThrottleOptions o)
    {
        var name = user.Length > MaxUserNameLength ? user[..MaxUserNameLength] : user;
        var (count, whose) = limit == LoginLimit.User
            ? (o.MaxFailuresPerUser, "of this user")
            : (o.MaxFailuresPerAddress, "from this address");
        return new()
        {
            Code = AuditEventCodes.LoginFailed,
            Severity = AuditSeverity.Error,
            Message = $"User {name} connecting from '{address}' failed to log in: {count} failed logins {whose} within " +
                $"{o.Window.TotalMinutes:0.##} minutes; further logins {whose} are refused until the oldest failure is " +
                $"{o.Window.TotalMinutes:0.##} minutes old.",
            UserName = name,
        };
    }
}
