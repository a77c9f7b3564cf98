using System.Net;
using System.Text.Json;
using Hotset.Engine.Audit;
using Hotset.Engine.Auth;
using Hotset.Engine.Persistence.Auth;
using Hotset.Engine.Tests.Api;
using Microsoft.Extensions.DependencyInjection;

namespace Hotset.Engine.Tests.Auth.Access;

/// <summary><c>/users</c>: internal users added by an administrator log in with Basic and tokens, and are removed whole.</summary>
public sealed class UsersApiTests : IDisposable
{
    private readonly EngineApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Add_ListGet_OvirtShapeAndPasswordStoredHashed()
    {
        using var admin = _app.Admin();
        var id = await admin.AddUserAsync("Bob");
        var user = await (await admin.GetAsync($"{ApiClient.Api}/users/{id}")).XmlOf();
        Assert.Equal(("bob", "bob", "bob@internal", "internal"), (user.Element("name")?.Value, user.Element("principal")?.Value,
            user.Element("user_name")?.Value, user.Element("domain")?.Element("name")?.Value));
        Assert.Equal($"{ApiClient.Api}/users/{id}", user.Attribute("href")?.Value);

        var list = await (await admin.GetAsync(ApiClient.Api + "/users")).XmlOf();
        Assert.Equal(["admin@internal", "bob@internal"], list.Elements("user").Select(u => u.Element("user_name")!.Value));

        var hash = await _app.Services.GetRequiredService<IUserStore>().GetPasswordHashAsync("bob@internal", CancellationToken.None);
        Assert.DoesNotContain(RoleUsers.Password, hash!, StringComparison.Ordinal);
        Assert.True(PasswordHasher.Verify(RoleUsers.Password, hash!));
        Assert.Contains(await _app.EventsAsync(), e => e.Code == AuditEventCodes.UserAdded
            && e.Message == "User bob@internal was added by admin@internal." && e.UserName == "admin@internal");
    }

    [Fact]
    public async Task NewUser_BasicAndToken_CarryItsIdentity()
    {
        using var admin = _app.Admin();
        await admin.AddUserAsync("carol");
        using var basic = _app.As("carol");
        var root = await (await basic.GetAsync(ApiClient.Api)).XmlOf();
        Assert.Equal("carol@internal", root.Element("authenticated_user")?.Element("user_name")?.Value);

        using var client = _app.CreateClient();
        var token = await IssueAsync(client, "carol@internal");
        client.DefaultRequestHeaders.Authorization = ApiClient.Bearer(token);
        root = await (await client.GetAsync(ApiClient.Api)).XmlOf();
        Assert.Equal("carol@internal", root.Element("authenticated_user")?.Element("user_name")?.Value);
    }

    [Fact]
    public async Task Remove_UserCanNoLongerLogInAndItsTokenIsRevoked()
    {
        using var admin = _app.Admin();
        var id = await admin.AddUserAsync("dave");
        using var basic = _app.As("dave");
        Assert.Equal(HttpStatusCode.OK, (await basic.GetAsync(ApiClient.Api)).StatusCode);
        using var bearer = _app.CreateClient();
        bearer.DefaultRequestHeaders.Authorization = ApiClient.Bearer(await IssueAsync(bearer, "dave@internal"));

        Assert.Equal(HttpStatusCode.OK, (await admin.DeleteAsync($"{ApiClient.Api}/users/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await basic.GetAsync(ApiClient.Api)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await bearer.GetAsync(ApiClient.Api)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"{ApiClient.Api}/users/{id}")).StatusCode);
        Assert.Contains(await _app.EventsAsync(), e => e.Code == AuditEventCodes.UserRemoved && e.UserName == "admin@internal");
    }

    [Fact]
    public async Task Remove_BuiltInAdmin_409()
    {
        using var admin = _app.Admin();
        var list = await (await admin.GetAsync(ApiClient.Api + "/users")).XmlOf();
        var adminId = list.Elements("user").Single(u => u.Element("user_name")!.Value == "admin@internal").Attribute("id")!.Value;
        var response = await admin.DeleteAsync($"{ApiClient.Api}/users/{adminId}");
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("built-in administrator", await response.FaultDetailAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<user><user_name>eve@internal</user_name><password>short</password></user>", "password")]
    [InlineData("<user><user_name>eve@example.com</user_name><password>long-enough-1</password></user>", "internal users only")]
    [InlineData("<user><user_name>e v e</user_name><password>long-enough-1</password></user>", "is not a user name")]
    [InlineData("<user><password>long-enough-1</password></user>", "needs a <user_name>")]
    [InlineData("<user><user_name>eve</user_name><password>long-enough-1</password><role/></user>", "does not know")]
    public async Task Add_BadInput_400(string body, string expected)
    {
        using var admin = _app.Admin();
        var response = await admin.PostAsync(ApiClient.Api + "/users", ApiClient.Xml(body));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await response.FaultDetailAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_TakenName_409()
    {
        using var admin = _app.Admin();
        await admin.AddUserAsync("frank");
        var response = await admin.PostAsync(ApiClient.Api + "/users",
            ApiClient.Xml("<user><user_name>FRANK</user_name><password>long-enough-1</password></user>"));
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    private static async Task<string> IssueAsync(HttpClient client, string user)
    {
        var response = await client.PostAsync("/ovirt-engine/sso/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["scope"] = "ovirt-app-api",
            ["username"] = user,
            ["password"] = RoleUsers.Password,
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString()!;
    }
}
