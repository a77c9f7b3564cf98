using System.Net;
using System.Text.Json;
using System.Xml.Linq;

namespace Hotset.Engine.Tests.Api.Compat;

/// <summary>The Default data center, the clusters' links to it, and the <c>datacenter=</c> search criterion.</summary>
public sealed class DataCenterApiTests : IDisposable
{
    private const string DataCenterId = "00000001-0001-0001-0001-000000000311";
    private const string ClusterPath = ApiClient.Api + "/clusters/00000002-0002-0002-0002-0000000003e5";

    private readonly EngineApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task DataCenters_ListAndGet_DefaultInOvirtShape()
    {
        using var client = _app.Admin();
        var list = await (await client.GetAsync(ApiClient.Api + "/datacenters")).XmlOf();
        Assert.Equal("data_centers", list.Name.LocalName);
        var dc = Assert.Single(list.Elements("data_center"));
        Assert.Equal((DataCenterId, "Default", "up", "false"), (dc.Attribute("id")?.Value, dc.Element("name")?.Value,
            dc.Element("status")?.Value, dc.Element("local")?.Value));
        Assert.Equal("4", dc.Element("version")?.Element("major")?.Value);

        var got = await (await client.GetAsync($"{ApiClient.Api}/datacenters/{DataCenterId}")).XmlOf();
        Assert.Equal("Default", got.Element("name")?.Value);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{ApiClient.Api}/datacenters/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task DataCenters_SearchByName_MatchesOrEmpty()
    {
        using var client = _app.Admin();
        Assert.Single((await (await client.GetAsync(ApiClient.Api + "/datacenters?search=name%3D%22def*%22")).XmlOf()).Elements("data_center"));
        Assert.Empty((await (await client.GetAsync(ApiClient.Api + "/datacenters?search=name%3Dother")).XmlOf()).Elements("data_center"));
    }

    [Fact]
    public async Task Cluster_HasDataCenterLink_ThatResolves()
    {
        using var client = _app.Admin("application/json");
        var cluster = JsonDocument.Parse(await client.GetStringAsync(ClusterPath)).RootElement;
        var link = cluster.GetProperty("data_center");
        Assert.Equal(DataCenterId, link.GetProperty("id").GetString());
        var href = link.GetProperty("href").GetString()!;
        var dc = JsonDocument.Parse(await client.GetStringAsync(href)).RootElement;
        Assert.Equal("Default", dc.GetProperty("name").GetString());
        var clusters = JsonDocument.Parse(await client.GetStringAsync(href + "/clusters")).RootElement;
        Assert.Equal("Default", clusters.GetProperty("cluster")[0].GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("name=Default and datacenter=Default", 1)]
    [InlineData("name=\"Default\"", 1)]
    [InlineData("datacenter=Other", 0)]
    [InlineData("name=nope", 0)]
    public async Task Clusters_Search_NameAndDataCenter(string search, int expected)
    {
        using var client = _app.Admin();
        var list = await (await client.GetAsync($"{ApiClient.Api}/clusters?search={Uri.EscapeDataString(search)}")).XmlOf();
        Assert.Equal(expected, list.Elements("cluster").Count());
    }

    [Theory]
    [InlineData("name=Blank and datacenter=Default", new[] { "Blank" })]
    [InlineData("name=Blank and datacenter=Elsewhere", new string[0])]
    [InlineData("datacenter=def*", new[] { "Blank" })]
    [InlineData("name=Nothing", new string[0])]
    public async Task Templates_SearchNameAndDataCenter_AsAnsibleAsks(string search, string[] expected)
    {
        using var client = _app.Admin();
        var list = await (await client.GetAsync($"{ApiClient.Api}/templates?search={Uri.EscapeDataString(search)}")).XmlOf();
        Assert.Equal(expected, list.Elements("template").Select(t => t.Element("name")?.Value));
    }

    [Fact]
    public async Task Templates_SearchByVmName_TheVmsTemplate()
    {
        using var client = _app.Admin();
        await client.AddVmAsync("web1");
        var found = await (await client.GetAsync($"{ApiClient.Api}/templates?search={Uri.EscapeDataString("vm.name=web1")}")).XmlOf();
        Assert.Equal(["Blank"], found.Elements("template").Select(t => t.Element("name")?.Value));
        var none = await (await client.GetAsync($"{ApiClient.Api}/templates?search={Uri.EscapeDataString("vm.name=ghost")}")).XmlOf();
        Assert.Empty(none.Elements("template"));
    }

    [Theory]
    [InlineData("name=\"web1\" and datacenter=Default", new[] { "web1" })]
    [InlineData("name=web* and datacenter=\"Default\"", new[] { "web1", "web2" })]
    [InlineData("datacenter=Other", new string[0])]
    [InlineData("web2", new[] { "web2" })]
    public async Task Vms_SearchNameAndDataCenter(string search, string[] expected)
    {
        using var client = _app.Admin();
        await client.AddVmAsync("web1");
        await client.AddVmAsync("web2");
        var list = await (await client.GetAsync($"{ApiClient.Api}/vms?search={Uri.EscapeDataString(search)}")).XmlOf();
        Assert.Equal(expected, list.Elements("vm").Select(v => v.Element("name")?.Value));
    }

    [Fact]
    public async Task Vms_SearchUnknownCriterion_400NamingIt()
    {
        using var client = _app.Admin();
        var response = await client.GetAsync($"{ApiClient.Api}/vms?search={Uri.EscapeDataString("status=up")}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var detail = await response.FaultDetailAsync();
        Assert.Contains("'status=up'", detail, StringComparison.Ordinal);
        Assert.Contains("name, datacenter", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DataCenter_XmlAndJsonCarrySameFields()
    {
        using var xmlClient = _app.Admin();
        using var jsonClient = _app.Admin("application/json");
        var xml = XElement.Parse(await xmlClient.GetStringAsync($"{ApiClient.Api}/datacenters/{DataCenterId}"));
        var json = JsonDocument.Parse(await jsonClient.GetStringAsync($"{ApiClient.Api}/datacenters/{DataCenterId}")).RootElement;
        Assert.Equal(xml.Element("storage_format")?.Value, json.GetProperty("storage_format").GetString());
        Assert.Equal(xml.Element("supported_versions")!.Elements("version").Count(),
            json.GetProperty("supported_versions").GetProperty("version").GetArrayLength());
    }
}
