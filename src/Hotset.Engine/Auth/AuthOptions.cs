using System.ComponentModel.DataAnnotations;

namespace Hotset.Engine.Auth;

/// <summary>Authentication of API users (bound from <c>Engine</c>).</summary>
public sealed class AuthOptions
{
    public const string Section = "Engine";

    /// <summary>
    /// Password of <c>admin@internal</c> (<c>HOTSET_ADMIN_PASSWORD</c>). When set, it replaces the stored one at start;
    /// when empty and no admin exists yet, one is generated and printed once on the console.
    /// </summary>
    public string? AdminPassword { get; set; }

    /// <summary>How long an access token from <c>/ovirt-engine/sso/oauth/token</c> stays valid.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(12);
}
