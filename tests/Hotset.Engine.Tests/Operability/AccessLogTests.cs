using System.Net;
using System.Net.Http.Headers;
using Hotset.Engine.Tests.Api;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hotset.Engine.Tests.Operability;

/// <summary>One access-log line per request, with the fields an administrator greps for and without any credential.</summary>
public sealed class AccessLogTests : IDisposable
{
    private const string Category = "Hotset.Engine.AccessLog";
    private readonly EngineApp _app = new();
    private readonly LogSink _logs = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Request_AuthenticatedWithCorrelationId_OneLineWithEveryField()
    {
        using var client = Factory().CreateClient();
        client.DefaultRequestHeaders.Authorization = Basic("admin@internal", EngineApp.Password);
        client.DefaultRequestHeaders.Add("Correlation-Id", "corr-access-1");

        var response = await client.GetAsync($"{ApiClient.Api}/vms?search=name%3Dx");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var line = Assert.Single(_logs.Entries, e => e.Category == Category && Equals(e.Fields["CorrelationId"], "corr-access-1"));
        Assert.Equal("GET", line.Fields["Method"]);
        Assert.Equal("/ovirt-engine/api/vms", line.Fields["Path"]);
        Assert.Equal(200, line.Fields["StatusCode"]);
        Assert.Equal("admin@internal", line.Fields["User"]);
        Assert.IsType<double>(line.Fields["DurationMs"]);
        Assert.StartsWith("GET /ovirt-engine/api/vms 200 ", line.Message, StringComparison.Ordinal);
        Assert.Contains("user=admin@internal correlation=corr-access-1", line.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requests_WithPasswordsAndTokens_NoLogEntryContainsThem()
    {
        const string wrongPassword = "wrong-Pa55word-in-header";
        const string token = "made-up-bearer-token-0123456789";
        const string queryPassword = "query-Pa55word";
        using var client = Factory().CreateClient();

        using var badLogin = new HttpRequestMessage(HttpMethod.Get, $"{ApiClient.Api}/vms");
        badLogin.Headers.Authorization = Basic("admin@internal", wrongPassword);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(badLogin)).StatusCode);
        using var goodLogin = new HttpRequestMessage(HttpMethod.Get, $"{ApiClient.Api}/hosts?password={queryPassword}");
        goodLogin.Headers.Authorization = Basic("admin@internal", EngineApp.Password);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(goodLogin)).StatusCode);
        using var bearer = new HttpRequestMessage(HttpMethod.Get, $"{ApiClient.Api}/clusters");
        bearer.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(bearer)).StatusCode);
        using var sso = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["scope"] = "ovirt-app-api",
            ["username"] = "admin@internal",
            ["password"] = EngineApp.Password,
        });
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/ovirt-engine/sso/oauth/token", sso)).StatusCode);

        var access = _logs.Entries.Where(e => e.Category == Category).ToList();
        Assert.Equal(4, access.Count);
        Assert.Contains(access, e => e.Message.StartsWith("GET /ovirt-engine/api/vms 401 ", StringComparison.Ordinal) && e.Message.Contains("user=-", StringComparison.Ordinal));
        var everything = string.Join('\n', _logs.Entries.Select(e => e.Message + " " + string.Join(' ', e.Fields.Values)));
        foreach (var secret in new[] { wrongPassword, EngineApp.Password, token, queryPassword, "Basic ", "Bearer " + token[..8] })
        {
            Assert.DoesNotContain(secret, everything, StringComparison.Ordinal);
        }
    }

    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Engine.Api.NodeResult> Factory() =>
        _app.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<ILoggerProvider>(_logs)));

    private static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(user + ":" + password)));
}
