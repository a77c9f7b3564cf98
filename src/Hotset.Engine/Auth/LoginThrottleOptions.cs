using System.ComponentModel.DataAnnotations;

namespace Hotset.Engine.Auth;

/// <summary>
/// How many failed logins are allowed before further attempts are refused (bound from <c>Engine:Logins</c>): per
/// user name and per client address, counted over a sliding <see cref="Window"/>.
/// </summary>
public sealed class LoginThrottleOptions
{
    public const string Section = "Engine:Logins";

    /// <summary>Failed logins of one user name within <see cref="Window"/>; more are refused (429) until the oldest ages out.</summary>
    [Range(1, 10_000)]
    public int MaxFailuresPerUser { get; set; } = 5;

    /// <summary>Failed logins from one client address within <see cref="Window"/>, whatever the user names.</summary>
    [Range(1, 100_000)]
    public int MaxFailuresPerAddress { get; set; } = 20;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(5);
}
