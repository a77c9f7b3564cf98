using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Hotset.Engine.Audit;
using Hotset.Engine.Auth;
using Hotset.Engine.Persistence.Auth;
using Hotset.Engine.Tests.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Hotset.Engine.Tests.Auth;

/// <summary>
/// Password guessing through the token endpoint and Basic authentication: after 5 failures of a user (or 20 from an
/// address) within 5 minutes, further logins are refused with 429 and an event; others log in; the fake clock ends it.
/// </summary>
public sealed class LoginThrottleApiTests : IAsyncLifetime
{
    private const string Peer = "X-Test-Peer";
    private readonly EngineApp _app = new();
    private readonly WebApplicationFactory<Hotset.Engine.Api.NodeResult> _engine;

    public LoginThrottleApiTests() =>
        _engine = _app.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<IStartupFilter, PeerFromHeader>()));

    public async Task InitializeAsync() =>
        await _engine.Services.GetRequiredService<IUserStore>().SetPasswordHashAsync("other@internal",
            PasswordHasher.Hash("other-pw"), CancellationToken.None);

    public async Task DisposeAsync()
    {
        await _engine.DisposeAsync();
        _app.Dispose();
    }

    [Fact]
    public async Task Token_FiveWrongPasswords_RefusesEvenTheRightOneWith429AndLogsOneEvent()
    {
        using var client = Client("10.1.1.1");
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync(client, "admin@internal", "guess" + i)).StatusCode);
        }

        using var refused = await TokenAsync(client, "admin@internal", EngineApp.Password);

        Assert.Equal((HttpStatusCode)429, refused.StatusCode);
        Assert.Equal(TimeSpan.FromMinutes(5), refused.Headers.RetryAfter?.Delta);
        var error = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("access_denied", error.GetProperty("error_code").GetString());
        Assert.Contains("Too many failed logins of user 'admin@internal'", error.GetProperty("error").GetString(), StringComparison.Ordinal);
        var e = Assert.Single(await EventsAsync(), e => e.Code == AuditEventCodes.LoginFailed);
        Assert.Equal((AuditSeverity.Error, "admin@internal"), (e.Severity, e.UserName));
        Assert.StartsWith("User admin@internal connecting from '10.1.1.1' failed to log in: 5 failed logins", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_UserThrottled_OtherUserFromTheSameAddressLogsIn()
    {
        using var client = Client("10.1.1.2");
        for (var i = 0; i < 5; i++)
        {
            await TokenAsync(client, "admin@internal", "guess" + i);
        }

        Assert.Equal(HttpStatusCode.OK, (await TokenAsync(client, "other@internal", "other-pw")).StatusCode);
        Assert.Equal((HttpStatusCode)429, (await TokenAsync(Client("10.9.9.9"), "admin@internal", EngineApp.Password)).StatusCode);
    }

    [Fact]
    public async Task Token_WindowPassed_RightPasswordWorksAgain()
    {
        using var client = Client("10.1.1.3");
        for (var i = 0; i < 5; i++)
        {
            await TokenAsync(client, "admin@internal", "guess" + i);
        }

        _app.Clock.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(HttpStatusCode.OK, (await TokenAsync(client, "admin@internal", EngineApp.Password)).StatusCode);
    }

    [Fact]
    public async Task Basic_TwentyWrongLoginsFromOneAddress_ThatAddressGets429FaultOthersAreServed()
    {
        using var guesser = Client("10.2.2.2");
        for (var i = 0; i < 20; i++)
        {
            using var wrong = await BasicAsync(guesser, $"user{i % 10}@internal", "guess" + i);
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using var refused = await BasicAsync(guesser, "admin@internal", EngineApp.Password, "application/json");

        Assert.Equal((HttpStatusCode)429, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);
        var fault = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Operation Failed", fault.GetProperty("reason").GetString());
        Assert.Contains("Too many failed logins from 10.2.2.2", fault.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Single(await EventsAsync(), e => e.Code == AuditEventCodes.LoginFailed && e.Message.Contains("from this address", StringComparison.Ordinal));

        using var elsewhere = await BasicAsync(Client("10.3.3.3"), "admin@internal", EngineApp.Password);
        Assert.Equal(HttpStatusCode.OK, elsewhere.StatusCode);
    }

    private HttpClient Client(string peer)
    {
        var client = _engine.CreateClient();
        client.DefaultRequestHeaders.Add(Peer, peer);
        return client;
    }

    private async Task<IReadOnlyList<AuditEvent>> EventsAsync() =>
        await _engine.Services.GetRequiredService<IAuditLog>().ListAsync(null, null, null, CancellationToken.None);

    private static async Task<HttpResponseMessage> TokenAsync(HttpClient client, string user, string password) =>
        await client.PostAsync("/ovirt-engine/sso/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["scope"] = "ovirt-app-api",
            ["username"] = user,
            ["password"] = password,
        }));

    private static async Task<HttpResponseMessage> BasicAsync(HttpClient client, string user, string password, string? accept = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, ApiClient.Api);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)));
        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }

        return await client.SendAsync(request);
    }

    /// <summary>The in-process test server has no peer address: take it from a header, as a connection would give it.</summary>
    private sealed class PeerFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers[Peer].FirstOrDefault() is { } peer)
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(peer);
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
