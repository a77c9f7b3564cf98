using System.Net.Http.Headers;
using System.Text;
using System.Xml.Linq;

namespace Hotset.Engine.Tests.Api;

/// <summary>Small helpers to send oVirt XML/JSON and read answers.</summary>
public static class ApiClient
{
    public const string Api = "/ovirt-engine/api";

    public static StringContent Xml(string xml) => new(xml, Encoding.UTF8, "application/xml");

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static async Task<XElement> XmlOf(this HttpResponseMessage response) =>
        XElement.Parse(await response.Content.ReadAsStringAsync());

    /// <summary>Creates a VM by name (other values from Blank) and returns its id.</summary>
    public static async Task<string> AddVmAsync(this HttpClient client, string name, string extra = "")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Api + "/vms") { Content = Xml($"<vm><name>{name}</name>{extra}</vm>") };
        request.Headers.Accept.ParseAdd("application/xml");
        var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return XElement.Parse(body).Attribute("id")!.Value;
    }

    public static AuthenticationHeaderValue Bearer(string token) => new("Bearer", token);

    /// <summary>The fault's detail text, asserting the oVirt fault shape.</summary>
    public static async Task<string> FaultDetailAsync(this HttpResponseMessage response)
    {
        var fault = await response.XmlOf();
        Assert.Equal("fault", fault.Name.LocalName);
        Assert.Equal("Operation Failed", fault.Element("reason")?.Value);
        return fault.Element("detail")!.Value;
    }
}
