using System.Globalization;

namespace Hotset.Engine.Auth;

/// <summary>
/// oVirt's SSO endpoints, as the Python SDK and Ansible use them: the password grant issues a bearer token; logout
/// and revoke end it. Answers are oVirt's JSON, errors <c>{"error_code","error"}</c> with 400, 401 or 429.
/// Credentials in the token request's query string are refused (400): URLs end up in access logs.
/// </summary>
internal static class SsoEndpoints
{
    public const string TokenPath = "/ovirt-engine/sso/oauth/token";
    public const string RevokePath = "/ovirt-engine/sso/oauth/revoke";
    public const string LogoutPath = "/ovirt-engine/services/sso-logout";

    private static readonly string[] CredentialFields = ["password", "username"];

    public static IEndpointRouteBuilder MapSso(this IEndpointRouteBuilder routes)
    {
        routes.MapPost(TokenPath, IssueAsync).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        routes.MapPost(RevokePath, RevokeAsync).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        routes.MapMethods(LogoutPath, ["GET", "POST"], RevokeAsync).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        return routes;
    }

    private static async Task<IResult> IssueAsync(HttpRequest request, Authenticator authenticator, CancellationToken ct)
    {
        if (CredentialsInQuery(request.Query) is { } field)
        {
            return Error(StatusCodes.Status400BadRequest, "invalid_request",
                $"The {field} was sent in the URL, where access logs and proxies keep it; send username and password in " +
                "the form body (Content-Type: application/x-www-form-urlencoded), as oVirt's SDKs do.");
        }

        var form = request.HasFormContentType ? await request.ReadFormAsync(ct) : null;
        string? Field(string name) => form?[name].FirstOrDefault() ?? request.Query[name].FirstOrDefault();

        var grant = Field("grant_type");
        if (grant != "password")
        {
            return Error(StatusCodes.Status400BadRequest, "unsupported_grant_type",
                $"The grant type '{grant}' is not supported; use grant_type=password.");
        }

        var (user, password) = (Field("username"), Field("password"));
        if (string.IsNullOrEmpty(user) || string.IsNullOrEmpty(password))
        {
            return Error(StatusCodes.Status400BadRequest, "invalid_request", "The username and password are required.");
        }

        var address = ClientAddress.Of(request.HttpContext);
        var login = await authenticator.CheckPasswordAsync(user, password, address, ct);
        if (login.Refusal is not null)
        {
            request.HttpContext.Response.Headers.RetryAfter = login.RetrySeconds.ToString(CultureInfo.InvariantCulture);
            return Error(StatusCodes.Status429TooManyRequests, "access_denied",
                $"Cannot authenticate user '{user}': {login.RefusalMessage(user, address)}");
        }

        if (!login.Succeeded)
        {
            return Error(StatusCodes.Status401Unauthorized, "access_denied",
                $"Cannot authenticate user '{user}': The username or password is incorrect.");
        }

        var (token, expires) = await authenticator.IssueAsync(user, ct);
        return Results.Json(new Dictionary<string, string>
        {
            ["access_token"] = token,
            ["scope"] = Field("scope") ?? "ovirt-app-api",
            ["exp"] = expires.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            ["token_type"] = "bearer",
        });
    }

    private static async Task<IResult> RevokeAsync(HttpRequest request, Authenticator authenticator, CancellationToken ct)
    {
        var form = request.HasFormContentType ? await request.ReadFormAsync(ct) : null;
        var token = form?["token"].FirstOrDefault() ?? request.Query["token"].FirstOrDefault();
        if (string.IsNullOrEmpty(token))
        {
            return Error(StatusCodes.Status400BadRequest, "invalid_request", "The token to revoke is required (token=…).");
        }

        await authenticator.RevokeAsync(token, ct);
        return Results.Json(new Dictionary<string, string>());
    }

    /// <summary>The first credential field found in the query string, or null.</summary>
    private static string? CredentialsInQuery(IQueryCollection query) =>
        CredentialFields.FirstOrDefault(f => query.ContainsKey(f));

    private static IResult Error(int status, string code, string message) =>
        Results.Json(new Dictionary<string, string> { ["error_code"] = code, ["error"] = message }, statusCode: status);
}
