using System.Net;
using System.Text.Json;
using Hotset.Engine.Tests.Api;

namespace Hotset.Engine.Tests.Auth;

/// <summary>Credentials in the token request's URL are refused: URLs are written to access logs and proxy logs.</summary>
public sealed class TokenQueryCredentialsTests : IDisposable
{
    private readonly EngineApp _app = new();

    public void Dispose() => _app.Dispose();

    [Theory]
    [InlineData("?grant_type=password&scope=ovirt-app-api&username=admin%40internal&password=test-password")]
    [InlineData("?password=test-password")]
    [InlineData("?username=admin%40internal")]
    public async Task Token_CredentialsInTheQuery_400AndNoToken(string query)
    {
        using var client = _app.CreateClient();

        using var response = await client.PostAsync("/ovirt-engine/sso/oauth/token" + query, new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("invalid_request", error.GetProperty("error_code").GetString());
        Assert.Contains("form body", error.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.False(error.TryGetProperty("access_token", out _));
    }

    [Fact]
    public async Task Token_CredentialsInTheFormBody_IssuesAToken()
    {
        using var client = _app.CreateClient();

        using var response = await client.PostAsync("/ovirt-engine/sso/oauth/token?scope=ovirt-app-api", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["grant_type"] = "password", ["username"] = "admin@internal", ["password"] = EngineApp.Password }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.TryGetProperty("access_token", out _));
    }
}
