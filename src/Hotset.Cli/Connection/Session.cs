using Hotset.Client;

namespace Hotset.Cli.Connection;

/// <summary>
/// Connects a command to the engine: with <c>HOTSET_PASSWORD</c> (and <c>HOTSET_USER</c>, <c>HOTSET_URL</c>) it logs
/// in for this command; otherwise it uses the token <c>hotset login</c> stored.
/// </summary>
public static class Session
{
    public const string DefaultUser = "admin@internal";

    public static async Task<HotsetClient> ConnectAsync(CliContext context, CancellationToken ct)
    {
        var store = new TokenStore(context.ResolveConfigDirectory());
        var stored = store.Read();
        var url = context.Environment("HOTSET_URL") is { Length: > 0 } envUrl ? envUrl : stored?.Url;
        if (url is null)
        {
            throw new CliException("Not logged in: no engine address is known.",
                "Run 'hotset login URL' (e.g. hotset login http://localhost:8080) or set HOTSET_URL and HOTSET_PASSWORD.",
                ExitCodes.AuthenticationFailed);
        }

        var client = Create(context, url);
        if (context.Environment("HOTSET_PASSWORD") is { Length: > 0 } password)
        {
            await client.LoginAsync(QualifiedUser(context.Environment("HOTSET_USER")), password, ct);
            return client;
        }

        if (stored is null || !SameEngine(stored.Url, client.EngineUrl))
        {
            throw new CliException($"Not logged in to {client.EngineUrl}.",
                $"Run 'hotset login {client.EngineUrl}' or set HOTSET_PASSWORD.", ExitCodes.AuthenticationFailed);
        }

        client.UseToken(new SsoToken(stored.AccessToken, stored.ExpiresAt));
        return client;
    }

    public static HotsetClient Create(CliContext context, string url)
    {
        if (!Uri.TryCreate(url.Contains("://", StringComparison.Ordinal) ? url : "http://" + url, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("http" or "https"))
        {
            throw new CliException($"'{url}' is not an engine address.", "Use a URL such as http://localhost:8080.", ExitCodes.Usage);
        }

        return new HotsetClient(context.CreateHttpClient(), uri);
    }

    /// <summary>oVirt users are <c>name@domain</c>; a bare name is in <c>internal</c>.</summary>
    public static string QualifiedUser(string? user) =>
        string.IsNullOrEmpty(user) ? DefaultUser : user.Contains('@', StringComparison.Ordinal) ? user : user + "@internal";

    private static bool SameEngine(string stored, Uri engine) =>
        Uri.TryCreate(stored, UriKind.Absolute, out var uri) && Uri.Compare(uri, engine, UriComponents.SchemeAndServer | UriComponents.Path,
            UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;
}
