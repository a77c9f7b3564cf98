using System.Globalization;

namespace Hotset.Engine.Auth;

/// <summary>
/// oVirt's SSO endpoints, as the Python SDK and Ansible use them: the password grant issues a bearer token; logout
/// and revoke end it. Answers are oVirt's JSON, errors <c>{"error_code","error"}</c> with 400 or 401.
/// </summary>
internal static class SsoEndpoints
{
    public const string TokenPath = "/ovirt-engine/sso/oauth/token";
    public const string RevokePath = "/ovirt-engine/sso/oauth/revoke";
    public const string LogoutPath = "/ovirt-engine/services/sso-logout";

    public static IEndpointRouteBuilder MapSso(this IEndpointRouteBuilder routes)
    {
        routes.MapPost(TokenPath, IssueAsync).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        routes.MapPost(RevokePath, RevokeAsync).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        routes.MapMethods(LogoutPath, ["GET", "POST"], RevokeAsync).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        return routes;
    }

    private static async Task<IResult> IssueAsync(HttpRequest request, Authenticator authenticator, CancellationToken ct)
    {
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

        if (!await authenticator.CheckPasswordAsync(user, password, ct))
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

    private static IResult Error(int status, string code, string message) =>
        Results.Json(new Dictionary<string, string> { ["error_code"] = code, ["error"] = message }, statusCode: status);
}
