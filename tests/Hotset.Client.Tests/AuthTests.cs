using System.Net;
using Hotset.Engine.Tests.Api;

namespace Hotset.Client.Tests;

public sealed class AuthTests : IDisposable
{
    private readonly ClientTestBed _bed = new(fakeHost: false);

    public void Dispose() => _bed.Dispose();

    [Fact]
    public async Task LoginAsync_RightPassword_TokenAuthorizesCalls()
    {
        var token = await _bed.Client.LoginAsync(ClientTestBed.Admin, EngineApp.Password);

        Assert.False(string.IsNullOrEmpty(token.AccessToken));
        Assert.Equal(_bed.App.Clock.GetUtcNow().AddHours(12).ToUnixTimeMilliseconds(), token.ExpiresAt?.ToUnixTimeMilliseconds());
        Assert.Contains(await _bed.Client.Clusters.ListAsync(), c => c.Name == "Default");
        Assert.Contains(_bed.Handler.Requests, r => r == "POST /ovirt-engine/sso/oauth/token");
    }

    [Fact]
    public async Task LoginAsync_WrongPassword_ThrowsAccessDenied401()
    {
        var e = await Assert.ThrowsAsync<HotsetApiException>(() => _bed.Client.LoginAsync(ClientTestBed.Admin, "wrong"));

        Assert.Equal(HttpStatusCode.Unauthorized, e.Status);
        Assert.Equal("access_denied", e.Reason);
        Assert.Contains("username or password is incorrect", e.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UseToken_StoredToken_WorksInAnotherClient()
    {
        var token = await _bed.Client.LoginAsync(ClientTestBed.Admin, EngineApp.Password);
        var other = new HotsetClient(_bed.Http);
        other.UseToken(token);

        await other.PingAsync();
    }

    [Fact]
    public async Task LogoutAsync_RevokesToken_ThenCallsAre401()
    {
        var token = await _bed.Client.LoginAsync(ClientTestBed.Admin, EngineApp.Password);
        await _bed.Client.LogoutAsync();
        var other = new HotsetClient(_bed.Http);
        other.UseToken(token);

        var e = await Assert.ThrowsAsync<HotsetApiException>(() => other.PingAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, e.Status);
    }

    [Fact]
    public async Task PasswordLogin_TokenRevokedElsewhere_LogsInAgainOnce()
    {
        var first = await _bed.Client.LoginAsync(ClientTestBed.Admin, EngineApp.Password);
        var other = new HotsetClient(_bed.Http);
        other.UseToken(first);
        await other.LogoutAsync();

        await _bed.Client.PingAsync();

        Assert.NotEqual(first.AccessToken, _bed.Client.Token?.AccessToken);
    }

    [Fact]
    public async Task UseBasic_WrongPassword_401Fault()
    {
        _bed.Client.UseBasic(ClientTestBed.Admin, "nope");

        var e = await Assert.ThrowsAsync<HotsetApiException>(() => _bed.Client.Vms.ListAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, e.Status);
        Assert.Contains("credentials", e.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://engine:8080", "http://engine:8080/")]
    [InlineData("http://engine:8080/ovirt-engine/api", "http://engine:8080/")]
    [InlineData("https://engine/ovirt-engine/api/v4/", "https://engine/")]
    [InlineData("http://proxy/hotset/", "http://proxy/hotset/")]
    public void EngineUrl_AnyFormOfTheAddress_IsTheEngineRoot(string given, string root)
    {
        using var http = new HttpClient();
        Assert.Equal(root, new HotsetClient(http, new Uri(given)).EngineUrl.ToString());
    }
}
