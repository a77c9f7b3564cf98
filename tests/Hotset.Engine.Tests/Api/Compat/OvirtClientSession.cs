using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;

namespace Hotset.Engine.Tests.Api.Compat;

/// <summary>
/// Talks to the engine as the oVirt Python SDK (ovirtsdk4) does, and so as Ansible's <c>ovirt.ovirt</c> modules do
/// through it: an SSO token from <c>/ovirt-engine/sso/oauth/token</c> (form <c>grant_type=password</c>,
/// <c>scope=ovirt-app-api</c>), then every request with <c>Authorization: Bearer</c>, <c>Version: 4</c> and XML both
/// ways (<c>Accept</c> and <c>Content-Type: application/xml</c>); ids and hrefs of references are XML attributes; an
/// action posts an <c>&lt;action&gt;</c>; a fault is read from <c>&lt;fault&gt;&lt;detail&gt;</c>.
/// </summary>
public sealed class OvirtClientSession(HttpClient http, string token)
{
    public List<string> Requests { get; } = [];

    public static async Task<OvirtClientSession> ConnectAsync(HttpClient http, string password)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["scope"] = "ovirt-app-api",
            ["username"] = "admin@internal",
            ["password"] = password,
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/ovirt-engine/sso/oauth/token") { Content = form };
        request.Headers.Accept.ParseAdd("application/json");
        var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("bearer", body.GetProperty("token_type").GetString(), ignoreCase: true);
        return new OvirtClientSession(http, body.GetProperty("access_token").GetString()!);
    }

    /// <summary>GET; the answer's XML root, asserting 200 (the SDK raises on anything else).</summary>
    public async Task<XElement> GetAsync(string pathAndQuery) => await ReadAsync(await SendAsync(HttpMethod.Get, pathAndQuery, null));

    public async Task<XElement> PostAsync(string pathAndQuery, string xml, HttpStatusCode expected = HttpStatusCode.OK) =>
        await ReadAsync(await SendAsync(HttpMethod.Post, pathAndQuery, xml), expected);

    public async Task<XElement> PutAsync(string pathAndQuery, string xml) => await ReadAsync(await SendAsync(HttpMethod.Put, pathAndQuery, xml));

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string pathAndQuery, string? xml)
    {
        var request = new HttpRequestMessage(method, ApiClient.Api + pathAndQuery);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("Version", "4");
        request.Headers.Accept.ParseAdd("application/xml");
        request.Headers.UserAgent.ParseAdd("PythonSDK/4.6.3");
        if (xml is not null)
        {
            request.Content = new StringContent(xml, Encoding.UTF8, "application/xml");
        }

        Requests.Add($"{method} {pathAndQuery}");
        return await http.SendAsync(request);
    }

    private static async Task<XElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {text}");
        Assert.StartsWith("application/xml", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        return XElement.Parse(text);
    }
}
