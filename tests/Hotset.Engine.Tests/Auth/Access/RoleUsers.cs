using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Hotset.Engine.Tests.Api;

namespace Hotset.Engine.Tests.Auth.Access;

/// <summary>Adds users and permissions through the API as admin@internal, and makes clients that log in as them.</summary>
public static class RoleUsers
{
    public const string Password = "user-password-1";

    /// <summary>Adds <paramref name="principal"/>@internal and returns its id.</summary>
    public static async Task<string> AddUserAsync(this HttpClient admin, string principal)
    {
        var response = await admin.PostAsync(ApiClient.Api + "/users",
            ApiClient.Xml($"<user><user_name>{principal}@internal</user_name><password>{Password}</password></user>"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return System.Xml.Linq.XElement.Parse(body).Attribute("id")!.Value;
    }

    /// <summary>Grants <paramref name="role"/> to the user on VM <paramref name="vmId"/>, or on the system when null; returns the permission id.</summary>
    public static async Task<string> GrantAsync(this HttpClient admin, string userId, string role, string? vmId)
    {
        var path = vmId is null ? ApiClient.Api + "/permissions" : $"{ApiClient.Api}/vms/{vmId}/permissions";
        var response = await admin.PostAsync(path,
            ApiClient.Xml($"<permission><role><name>{role}</name></role><user id=\"{userId}\"/></permission>"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return System.Xml.Linq.XElement.Parse(body).Attribute("id")!.Value;
    }

    /// <summary>A client that sends Basic credentials of <paramref name="principal"/>@internal.</summary>
    public static HttpClient As(this EngineApp app, string principal)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{principal}@internal:{Password}")));
        client.DefaultRequestHeaders.Accept.ParseAdd("application/xml");
        return client;
    }
}
