namespace Hotset.Cli.Connection;

/// <summary>What <c>hotset login</c> keeps: the engine's address, the user, and the SSO token with its expiry.</summary>
public sealed record StoredLogin(string Url, string User, string AccessToken, DateTimeOffset? ExpiresAt);
