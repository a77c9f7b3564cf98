using System.Text.RegularExpressions;
using Hotset.Engine.Api.Representations;
using Hotset.Engine.Auth;

namespace Hotset.Engine.Api.Users;

/// <summary>Reads a new internal user: its login name (<c>bob@internal</c> or <c>bob</c>) and its first password.</summary>
internal static partial class UserInput
{
    public const int MinPasswordLength = 8;
    public const int MaxPasswordLength = 1024;

    /// <summary>The login name and password, or null with the problems in <paramref name="errors"/>.</summary>
    public static (string UserName, string Password)? Read(Node node, InputErrors errors)
    {
        var given = (node.Value("user_name") ?? node.Value("principal") ?? node.Value("name"))?.Trim().ToLowerInvariant();
        var domain = node.Child("domain")?.Value("name")?.Trim().ToLowerInvariant();
        string? userName = null;
        if (string.IsNullOrEmpty(given))
        {
            errors.Add("A new user needs a <user_name> such as bob@internal.");
        }
        else
        {
            var at = given.IndexOf('@', StringComparison.Ordinal);
            var principal = at < 0 ? given : given[..at];
            domain = at < 0 ? domain : given[(at + 1)..];
            if (domain is not (null or EngineUser.Domain or "internal-authz"))
            {
                errors.Add($"Hotset keeps internal users only; '{given}' names the domain '{domain}'. Use {principal}@{EngineUser.Domain}.");
            }
            else if (!PrincipalPattern().IsMatch(principal))
            {
                errors.Add($"'{principal}' is not a user name: use 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit.");
            }
            else
            {
                userName = principal + "@" + EngineUser.Domain;
            }
        }

        var password = node.Value("password");
        if (password is null || password.Length < MinPasswordLength || password.Length > MaxPasswordLength)
        {
            errors.Add($"A new user needs a <password> of {MinPasswordLength} to {MaxPasswordLength} characters, set by the administrator.");
        }

        return errors.Any || userName is null ? null : (userName, password!);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,63}$")]
    private static partial Regex PrincipalPattern();
}
