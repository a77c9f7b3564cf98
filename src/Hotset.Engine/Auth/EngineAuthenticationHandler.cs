using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Hotset.Engine.Api;
using Hotset.Engine.Api.Representations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Hotset.Engine.Auth;

/// <summary>
/// Accepts <c>Authorization: Bearer &lt;token from the SSO endpoint&gt;</c> and <c>Basic user@domain:password</c>,
/// as oVirt does; a challenge is 401 with <c>WWW-Authenticate</c> for both, or 429 with a fault and
/// <c>Retry-After</c> when too many logins failed (<see cref="LoginThrottle"/>).
/// </summary>
internal sealed class EngineAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, Authenticator authenticator)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Engine";
    private const string RefusalItem = "Hotset.LoginRefusal";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.Length == 0)
        {
            return AuthenticateResult.NoResult();
        }

        var space = header.IndexOf(' ', StringComparison.Ordinal);
        var scheme = space < 0 ? header : header[..space];
        var value = space < 0 ? "" : header[(space + 1)..].Trim();
        string? user = null;
        if (scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            user = await authenticator.ValidateTokenAsync(value, Context.RequestAborted);
        }
        else if (scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase) && TryDecodeBasic(value, out var name, out var password))
        {
            var address = ClientAddress.Of(Context);
            var login = await authenticator.CheckPasswordAsync(name, password, address, Context.RequestAborted);
            if (login.Refusal is not null)
            {
                Context.Items[RefusalItem] = (login, login.RefusalMessage(name, address));
                return AuthenticateResult.Fail("Too many failed logins.");
            }

            user = login.Succeeded ? name.ToLowerInvariant() : null;
        }

        if (user is null)
        {
            return AuthenticateResult.Fail("The credentials are not valid.");
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, user)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items[RefusalItem] is (LoginResult login, string message))
        {
            // Throttled: 429 with oVirt's fault, and when to try again.
            Response.Headers.RetryAfter = login.RetrySeconds.ToString(CultureInfo.InvariantCulture);
            await new NodeResult(new Node("fault").Add("reason", FaultResults.Reason).Add("detail", "[" + message + "]"),
                StatusCodes.Status429TooManyRequests).ExecuteAsync(Context);
            return;
        }

        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = new(["Basic realm=\"RESTAPI\"", "Bearer realm=\"RESTAPI\""]);
    }

    private static bool TryDecodeBasic(string value, out string name, out string password)
    {
        name = password = "";
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(value));
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                return false;
            }

            (name, password) = (text[..colon], text[(colon + 1)..]);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
