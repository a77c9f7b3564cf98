using System.Net;

namespace Hotset.Engine.Tests.Api;

public sealed class EngineConfigApiTests : IDisposable
{
    private const string Config = ApiClient.Api + "/hotset/config";
    private readonly EngineApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Get_ListsDefaultsPerVersionAndArchitecture()
    {
        using var client = _app.Admin();
        var entries = (await (await client.GetAsync(Config + "?key=MaxNumOfVmCpus")).XmlOf()).Elements("entry").ToList();
        var x86v48 = Assert.Single(entries, e => e.Element("version")?.Value == "4.8" && e.Element("architecture")?.Value == "x86_64");
        Assert.Equal(("710", "true"), (x86v48.Element("value")?.Value, x86v48.Element("default")?.Value));
        Assert.All(entries, e => Assert.Equal("MaxNumOfVmCpus", e.Element("key")?.Value));
    }

    [Fact]
    public async Task Put_NewSocketLimit_ChangesValidationAndSurvivesRestart()
    {
        using (var client = _app.Admin())
        {
            await client.AddVmAsync("before", "<cpu><topology sockets=\"3\"/></cpu>");
            var set = await client.PutAsync(Config, ApiClient.Xml("<entry><key>MaxNumOfVmSockets</key><version>4.8</version><value>2</value></entry>"));
            Assert.Equal(HttpStatusCode.OK, set.StatusCode);
            var entry = await set.XmlOf();
            Assert.Equal(("2", "false"), (entry.Element("value")?.Value, entry.Element("default")?.Value));

            var refused = await client.PostAsync($"{ApiClient.Api}/vms", ApiClient.Xml("<vm><name>after</name><cpu><topology sockets=\"3\"/></cpu></vm>"));
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Equal("[Cannot add VM. Maximum number of sockets exceeded.]", await refused.FaultDetailAsync());
        }

        using var restarted = new EngineApp(dataDirectory: _app.DataDirectory);
        using var again = restarted.Admin();
        var entries = (await (await again.GetAsync(Config + "?key=MaxNumOfVmSockets")).XmlOf()).Elements("entry");
        Assert.Equal("2", entries.Single(e => e.Element("version")?.Value == "4.8").Element("value")?.Value);
        var stillRefused = await again.PostAsync($"{ApiClient.Api}/vms", ApiClient.Xml("<vm><name>after</name><cpu><topology sockets=\"3\"/></cpu></vm>"));
        Assert.Equal(HttpStatusCode.Conflict, stillRefused.StatusCode);

        var reset = await again.DeleteAsync(Config + "?key=MaxNumOfVmSockets&version=4.8");
        Assert.Equal("true", (await reset.XmlOf()).Element("default")?.Value);
        await again.AddVmAsync("after", "<cpu><topology sockets=\"3\"/></cpu>");
    }

    [Theory]
    [InlineData("<entry><key>MaxNumOfVmSockets</key><version>4.8</version><value>0</value></entry>", "must be at least 1")]
    [InlineData("<entry><key>NoSuchKey</key><version>4.8</version><value>1</value></entry>", "is not a configuration key")]
    [InlineData("<entry><key>MaxNumOfVmSockets</key><version>3.6</version><value>2</value></entry>", "3.6")]
    [InlineData("<entry><key>MaxNumOfVmSockets</key><version>4.8</version><architecture>x86_64</architecture><value>2</value></entry>", "without an architecture")]
    [InlineData("<entry><key>HotPlugCpuSupported</key><version>4.8</version><value>maybe</value></entry>", "true or false")]
    public async Task Put_Invalid_400AndNothingStored(string body, string expected)
    {
        using var client = _app.Admin();
        var response = await client.PutAsync(Config, ApiClient.Xml(body));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await response.FaultDetailAsync(), StringComparison.Ordinal);
        var entries = (await (await client.GetAsync(Config)).XmlOf()).Elements("entry");
        Assert.All(entries, e => Assert.Equal("true", e.Element("default")?.Value));
    }
}
