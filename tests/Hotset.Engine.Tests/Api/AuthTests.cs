using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Hotset.Engine.Tests.Api;

public sealed class AuthTests : IDisposable
{
    private readonly EngineApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task EveryApiRoute_WithoutCredentials_Is401WithChallenge()
    {
        using var client = _app.CreateClient();
        var routes = ApiRoutes().ToList();
        Assert.True(routes.Count >= 20, $"only {routes.Count} API routes found");
        foreach (var (method, path) in routes)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = ApiClient.Xml("<vm/>") };
            using var response = await client.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path} answered {response.StatusCode}");
            Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Basic");
            Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
        }
    }

    [Fact]
    public void AnonymousRoutes_AreOnlySsoApiDocumentationTheWebUisPagesHealthAndMetrics()
    {
        _ = _app.Server;
        var anonymous = _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .Select(e => e.RoutePattern.RawText!)
            .ToList();
        Assert.All(anonymous, p => Assert.True(p.StartsWith("/ovirt-engine/sso/", StringComparison.Ordinal)
            || p.StartsWith("/ovirt-engine/services/sso-logout", StringComparison.Ordinal)
            || p.StartsWith("/ovirt-engine/apidoc", StringComparison.Ordinal)
            // The web UI's index.html (its pages need no login; its data comes from the API, which does).
            || p == "/" || p.StartsWith("/ovirt-engine/webadmin/", StringComparison.Ordinal)
            || p.StartsWith("{*path:regex(^(?!ovirt-engine", StringComparison.Ordinal)
            // Probes and Prometheus have no credentials; these answer states and counts, no secret (docs/operations.md).
            || p is "/health/live" or "/health/ready" or "/metrics", p));
    }

    [Fact]
    public async Task Basic_RightAndWrongPassword_200And401()
    {
        using var right = _app.Admin();
        Assert.Equal(HttpStatusCode.OK, (await right.GetAsync(ApiClient.Api)).StatusCode);
        using var wrong = _app.CreateClient();
        wrong.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String("admin@internal:nope"u8.ToArray()));
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync(ApiClient.Api)).StatusCode);
    }

    [Fact]
    public async Task Token_PasswordGrant_IssuesBearerThatWorksOnV4()
    {
        using var client = _app.CreateClient();
        var token = await IssueAsync(client, EngineApp.Password);
        Assert.Equal("bearer", token.GetProperty("token_type").GetString());
        Assert.Equal("ovirt-app-api", token.GetProperty("scope").GetString());
        var expected = _app.Clock.GetUtcNow().AddHours(12).ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(expected, token.GetProperty("exp").GetString());

        client.DefaultRequestHeaders.Authorization = ApiClient.Bearer(token.GetProperty("access_token").GetString()!);
        client.DefaultRequestHeaders.Add("Version", "4");
        var root = await (await client.GetAsync("/ovirt-engine/api/v4")).XmlOf();
        Assert.Equal("admin@internal", root.Element("authenticated_user")?.Element("user_name")?.Value);
    }

    [Fact]
    public async Task Token_WrongPassword_401AccessDenied()
    {
        using var client = _app.CreateClient();
        var response = await client.PostAsync("/ovirt-engine/sso/oauth/token", Form(("grant_type", "password"),
            ("scope", "ovirt-app-api"), ("username", "admin@internal"), ("password", "wrong")));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("access_denied", error.GetProperty("error_code").GetString());
        Assert.Contains("admin@internal", error.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_OtherGrantType_400()
    {
        using var client = _app.CreateClient();
        var response = await client.PostAsync("/ovirt-engine/sso/oauth/token", Form(("grant_type", "client_credentials")));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("unsupported_grant_type",
            JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error_code").GetString());
    }

    [Fact]
    public async Task Token_AfterLifetime_IsRefused()
    {
        using var client = _app.CreateClient();
        client.DefaultRequestHeaders.Authorization =
            ApiClient.Bearer((await IssueAsync(client, EngineApp.Password)).GetProperty("access_token").GetString()!);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(ApiClient.Api)).StatusCode);
        _app.Clock.Advance(TimeSpan.FromHours(12) + TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(ApiClient.Api)).StatusCode);
    }

    [Theory]
    [InlineData("GET", "/ovirt-engine/services/sso-logout?token=")]
    [InlineData("POST", "/ovirt-engine/sso/oauth/revoke")]
    public async Task Logout_RevokesToken(string method, string path)
    {
        using var client = _app.CreateClient();
        var token = (await IssueAsync(client, EngineApp.Password)).GetProperty("access_token").GetString()!;
        using var logout = method == "GET"
            ? new HttpRequestMessage(HttpMethod.Get, path + Uri.EscapeDataString(token))
            : new HttpRequestMessage(HttpMethod.Post, path) { Content = Form(("token", token)) };
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(logout)).StatusCode);
        client.DefaultRequestHeaders.Authorization = ApiClient.Bearer(token);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(ApiClient.Api)).StatusCode);
    }

    private static async Task<JsonElement> IssueAsync(HttpClient client, string password)
    {
        var response = await client.PostAsync("/ovirt-engine/sso/oauth/token", Form(("grant_type", "password"),
            ("scope", "ovirt-app-api"), ("username", "admin@internal"), ("password", password)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => KeyValuePair.Create(f.Key, f.Value)));

    private IEnumerable<(string Method, string Path)> ApiRoutes()
    {
        _ = _app.Server;
        foreach (var endpoint in _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            {
                continue;
            }

            var path = endpoint.RoutePattern.RawText!.Replace("{id}", Guid.NewGuid().ToString(), StringComparison.Ordinal);
            foreach (var method in endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                yield return (method, path);
            }
        }
    }
}
