using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Hotset.Engine.Api;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hotset.Engine.Tests.Api.Hardening;

internal static class HardeningClient
{
    /// <summary>
    /// <paramref name="engine"/> without console logging: these tests send thousands of bad requests, and their log
    /// lines would land in the console of tests that capture it.
    /// </summary>
    public static WebApplicationFactory<NodeResult> Quiet(this EngineApp engine, Action<IServiceCollection>? services = null) =>
        engine.WithWebHostBuilder(b =>
        {
            b.ConfigureLogging(logging => logging.ClearProviders());
            b.ConfigureServices(s => services?.Invoke(s));
        });

    /// <summary>
    /// A client of admin@internal with a bearer token (one password check, not one per request) that sends bodies as
    /// they are: without the redirect handler, which copies every body to be able to send it again.
    /// </summary>
    public static async Task<HttpClient> CreateAsync(WebApplicationFactory<NodeResult> app)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["username"] = "admin@internal",
            ["password"] = EngineApp.Password,
            ["scope"] = "ovirt-app-api",
        });
        using var response = await client.PostAsync("/ovirt-engine/sso/oauth/token", form);
        var token = await response.Content.ReadFromJsonAsync<JsonElement>();
        client.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Bearer", token.GetProperty("access_token").GetString());
        return client;
    }
}
