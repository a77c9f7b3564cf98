namespace Hotset.Engine.Auth;

/// <summary>
/// An internal user of the engine. <see cref="UserName"/> is the login name, lower case, <c>principal@internal</c>
/// (oVirt's internal domain); the password hash is kept by the store and never leaves it.
/// </summary>
public sealed record EngineUser(Guid Id, string UserName, DateTimeOffset CreatedAt)
{
    /// <summary>The domain every internal user's login name ends with.</summary>
    public const string Domain = "internal";

    /// <summary>The login name without its domain (oVirt's <c>principal</c>).</summary>
    public string Principal => UserName.Split('@')[0];
}
