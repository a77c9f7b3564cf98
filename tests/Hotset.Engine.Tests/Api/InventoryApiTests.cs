using System.Net;
using System.Text.Json;
using Hotset.Engine.Clusters;
using Microsoft.Extensions.DependencyInjection;

namespace Hotset.Engine.Tests.Api;

/// <summary>Hosts, clusters and templates.</summary>
public sealed class InventoryApiTests : IDisposable
{
    private readonly EngineApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Hosts_AddListGet_NoSecretShown()
    {
        using var client = _app.Admin();
        var response = await client.PostAsync($"{ApiClient.Api}/hosts",
            ApiClient.Xml("<host><name>h1</name><address>10.0.0.5</address><root_password>s3cret</root_password><cluster><name>Default</name></cluster></host>"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var host = await response.XmlOf();
        Assert.Equal(("h1", "http://10.0.0.5:54321"), (host.Element("name")?.Value, host.Element("address")?.Value));
        Assert.DoesNotContain("s3cret", host.ToString(), StringComparison.Ordinal);
        var id = host.Attribute("id")!.Value;
        var got = await (await client.GetAsync($"{ApiClient.Api}/hosts/{id}")).XmlOf();
        Assert.Equal("00000002-0002-0002-0002-0000000003e5", got.Element("cluster")?.Attribute("id")?.Value);
        Assert.Single((await (await client.GetAsync($"{ApiClient.Api}/hosts")).XmlOf()).Elements("host"));
        var duplicate = await client.PostAsync($"{ApiClient.Api}/hosts",
            ApiClient.Xml("<host><name>h1</name><address>http://10.0.0.6:1</address><root_password>x</root_password></host>"));
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{ApiClient.Api}/hosts/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task Hosts_AddWithoutSecret_400()
    {
        using var client = _app.Admin();
        var response = await client.PostAsync($"{ApiClient.Api}/hosts", ApiClient.Xml("<host><name>h1</name><address>http://x:1</address></host>"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("root_password", await response.FaultDetailAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Clusters_UpdateOvercommitAndThreads_Stored()
    {
        using var client = _app.Admin("application/json");
        const string path = ApiClient.Api + "/clusters/00000002-0002-0002-0002-0000000003e5";
        var response = await client.PutAsync(path, ApiClient.Json("""{"threads_as_cores":true,"vcpu_overcommit_ratio":4,"version":{"major":4,"minor":6}}"""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cluster = JsonDocument.Parse(await client.GetStringAsync(path)).RootElement;
        Assert.Equal(("true", "4", "6", "x86_64"), (cluster.GetProperty("threads_as_cores").GetString(),
            cluster.GetProperty("vcpu_overcommit_ratio").GetString(), cluster.GetProperty("version").GetProperty("minor").GetString(),
            cluster.GetProperty("cpu").GetProperty("architecture").GetString()));
    }

    [Fact]
    public async Task Clusters_RenameToTakenName_409AndUnchanged()
    {
        using var client = _app.Admin();
        await _app.Services.GetRequiredService<IClusterStore>().AddAsync(
            new Cluster { Id = Guid.NewGuid(), Name = "second" }, CancellationToken.None);
        const string path = ApiClient.Api + "/clusters/00000002-0002-0002-0002-0000000003e5";
        var response = await client.PutAsync(path, ApiClient.Xml("<cluster><name>SECOND</name></cluster>"));
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("[A cluster named 'SECOND' already exists; choose another name.]", await response.FaultDetailAsync());
        Assert.Equal("Default", (await (await client.GetAsync(path)).XmlOf()).Element("name")?.Value);
    }

    [Fact]
    public async Task Hosts_AddTakenName_409()
    {
        using var client = _app.Admin();
        const string body = "<host><name>h1</name><address>10.0.0.5</address><root_password>s3cret</root_password></host>";
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync($"{ApiClient.Api}/hosts", ApiClient.Xml(body))).StatusCode);
        var response = await client.PostAsync($"{ApiClient.Api}/hosts", ApiClient.Xml(body.Replace("h1", "H1", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("[Cannot add Host. The Host name is already in use, please choose a unique name and try again.]",
            await response.FaultDetailAsync());
    }

    [Theory]
    [InlineData("<cluster><version><major>3</major><minor>6</minor></version></cluster>", "not supported")]
    [InlineData("<cluster><vcpu_overcommit_ratio>0.5</vcpu_overcommit_ratio></cluster>", "between 1 and 100")]
    [InlineData("<cluster><cpu><architecture>arm</architecture></cpu></cluster>", "not an architecture")]
    public async Task Clusters_BadUpdate_400AndUnchanged(string body, string expected)
    {
        using var client = _app.Admin();
        const string path = ApiClient.Api + "/clusters/00000002-0002-0002-0002-0000000003e5";
        var response = await client.PutAsync(path, ApiClient.Xml(body));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await response.FaultDetailAsync(), StringComparison.Ordinal);
        var cluster = await (await client.GetAsync(path)).XmlOf();
        Assert.Equal(("8", "1"), (cluster.Element("version")?.Element("minor")?.Value, cluster.Element("vcpu_overcommit_ratio")?.Value));
    }

    [Fact]
    public async Task Templates_ListsBlank()
    {
        using var client = _app.Admin();
        var list = await (await client.GetAsync($"{ApiClient.Api}/templates")).XmlOf();
        var blank = Assert.Single(list.Elements("template"));
        Assert.Equal(("Blank", "00000000-0000-0000-0000-000000000000"), (blank.Element("name")?.Value, blank.Attribute("id")?.Value));
        var one = await (await client.GetAsync($"{ApiClient.Api}/templates/00000000-0000-0000-0000-000000000000")).XmlOf();
        Assert.Equal("1", one.Element("cpu")?.Element("topology")?.Element("sockets")?.Value);
    }

    [Fact]
    public async Task ApiDocs_OpenApiAndReferencePage_Served()
    {
        using var client = _app.CreateClient();
        var openapi = JsonDocument.Parse(await client.GetStringAsync("/ovirt-engine/apidoc/openapi.json")).RootElement;
        Assert.True(openapi.GetProperty("paths").TryGetProperty("/ovirt-engine/api/vms/{id}", out _));
        var page = await client.GetAsync("/ovirt-engine/apidoc/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("openapi.json", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
