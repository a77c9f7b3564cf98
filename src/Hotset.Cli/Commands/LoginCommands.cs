using System.CommandLine;
using System.Globalization;
using Hotset.Cli.Connection;
using Hotset.Client;

namespace Hotset.Cli.Commands;

/// <summary><c>hotset login [URL] [--user U]</c> and <c>hotset logout</c>.</summary>
internal static class LoginCommands
{
    public static IEnumerable<Command> Create(CommandBuilder cli)
    {
        var url = new Argument<string?>("URL") { Description = "The engine's address, e.g. http://localhost:8080 (default: $HOTSET_URL).", Arity = ArgumentArity.ZeroOrOne };
        var user = new Option<string?>("--user", "-u") { Description = "User as name@domain (default: $HOTSET_USER, else admin@internal)." };
        var login = cli.Command("login", "Log in and store an SSO token (file mode 0600 in the user's config directory). " +
            "The password comes from $HOTSET_PASSWORD or a prompt that does not echo.",
            (inv, ct) => LoginAsync(inv, inv.Parse.GetValue(url), inv.Get(user), ct),
            "hotset login http://localhost:8080", "hotset login http://engine:8080 --user alice@internal",
            "HOTSET_PASSWORD=secret hotset login http://localhost:8080");
        login.Add(url);
        login.Add(user);

        var logout = cli.Command("logout", "Revoke the stored token and delete the token file.", LogoutAsync, "hotset logout");
        return [login, logout];
    }

    private static async Task<int> LoginAsync(Invocation inv, string? url, string? user, CancellationToken ct)
    {
        var context = inv.Context;
        url ??= context.Environment("HOTSET_URL");
        if (string.IsNullOrEmpty(url))
        {
            throw new CliException("No engine address given.", "Run 'hotset login URL' or set HOTSET_URL.", ExitCodes.Usage);
        }

        var name = Session.QualifiedUser(user ?? context.Environment("HOTSET_USER"));
        var password = context.Environment("HOTSET_PASSWORD") is { Length: > 0 } fromEnv ? fromEnv : context.ReadPassword($"Password for {name}: ");
        if (string.IsNullOrEmpty(password))
        {
            throw new CliException("No password given.", "Type it at the prompt or set HOTSET_PASSWORD.", ExitCodes.Usage);
        }

        var client = Session.Create(context, url);
        SsoToken token;
        try
        {
            token = await client.LoginAsync(name, password, ct);
        }
        catch (HotsetApiException e) when (e.Status == System.Net.HttpStatusCode.Unauthorized)
        {
            throw new CliException($"Login failed: {CommandBuilder.Text(e)}", "Check the user (name@domain) and the password.",
                ExitCodes.AuthenticationFailed);
        }

        var store = new TokenStore(context.ResolveConfigDirectory());
        store.Write(new StoredLogin(client.EngineUrl.ToString(), name, token.AccessToken, token.ExpiresAt));
        var expires = token.ExpiresAt is { } at ? " until " + at.ToString("u", CultureInfo.InvariantCulture) : "";
        if (inv.Printer.IsJson)
        {
            inv.Printer.Json(new { url = client.EngineUrl.ToString(), user = name, token_file = store.FilePath, expires_at = token.ExpiresAt });
        }
        else
        {
            inv.Printer.Line($"Logged in to {client.EngineUrl} as {name}; token stored in {store.FilePath}{expires}.");
        }

        return ExitCodes.Success;
    }

    private static async Task<int> LogoutAsync(Invocation inv, CancellationToken ct)
    {
        var store = new TokenStore(inv.Context.ResolveConfigDirectory());
        if (store.Read() is not { } stored)
        {
            inv.Printer.Line("Not logged in.");
            store.Delete();
            return ExitCodes.Success;
        }

        try
        {
            var client = Session.Create(inv.Context, stored.Url);
            client.UseToken(new SsoToken(stored.AccessToken, stored.ExpiresAt));
            await client.LogoutAsync(ct);
        }
        catch (HttpRequestException e)
        {
            inv.Context.Error.WriteLine($"Warning: could not revoke the token at {stored.Url} ({e.Message}); deleting it here anyway.");
        }

        store.Delete();
        inv.Printer.Line($"Logged out of {stored.Url}.");
        return ExitCodes.Success;
    }
}
