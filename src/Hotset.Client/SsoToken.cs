namespace Hotset.Client;

/// <summary>An SSO bearer token (<c>POST /ovirt-engine/sso/oauth/token</c>), valid until <see cref="ExpiresAt"/>.</summary>
public sealed record SsoToken(string AccessToken, DateTimeOffset? ExpiresAt, string Scope = "ovirt-app-api");
