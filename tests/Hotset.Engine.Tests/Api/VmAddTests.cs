using System.Net;
using System.Xml.Linq;

namespace Hotset.Engine.Tests.Api;

public sealed class VmAddTests : IDisposable
{
    private readonly EngineApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Add_V3AttributeTopology_201WithTopologyAndEvent34()
    {
        using var client = _app.Admin();
        var response = await client.PostAsync($"{ApiClient.Api}/vms",
            ApiClient.Xml("<vm><name>vm1</name><cluster><name>Default</name></cluster><template><name>Blank</name></template><cpu><topology sockets=\"2\" cores=\"2\"/></cpu></vm>"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var vm = await response.XmlOf();
        Assert.Equal(response.Headers.Location?.ToString(), vm.Attribute("href")?.Value);
        var topology = vm.Element("cpu")!.Element("topology")!;
        Assert.Equal(("2", "2", "1"), (topology.Element("sockets")!.Value, topology.Element("cores")!.Value, topology.Element("threads")!.Value));

        var events = await (await client.GetAsync($"{ApiClient.Api}/events?search=code%3D34")).XmlOf();
        var created = Assert.Single(events.Elements("event"));
        Assert.Equal("VM vm1 was created by admin@internal.", created.Element("description")?.Value);
        Assert.Equal(vm.Attribute("id")?.Value, created.Element("vm")?.Attribute("id")?.Value);
    }

    [Fact]
    public async Task Add_Json_ReadsBodyByContentType()
    {
        using var client = _app.Admin();
        var response = await client.PostAsync($"{ApiClient.Api}/vms",
            ApiClient.Json("""{"name":"j1","memory":536870912,"cpu":{"topology":{"sockets":3}},"os":{"type":"rhel_8x64","cmdline":"quiet"}}"""));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var vm = await response.XmlOf();
        Assert.Equal("536870912", vm.Element("memory")?.Value);
        Assert.Equal("3", vm.Element("cpu")!.Element("topology")!.Element("sockets")!.Value);
        Assert.Equal(("rhel_8x64", "quiet"), (vm.Element("os")!.Element("type")!.Value, vm.Element("os")!.Element("cmdline")!.Value));
    }

    [Fact]
    public async Task Add_TooManySockets_409CoreFaultAndNothingStored()
    {
        using var client = _app.Admin();
        var response = await client.PostAsync($"{ApiClient.Api}/vms",
            ApiClient.Xml("<vm><name>big</name><cpu><topology><sockets>20000</sockets></topology></cpu></vm>"));
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("Cannot add VM. Maximum number of sockets exceeded.", await response.FaultDetailAsync(), StringComparison.Ordinal);
        Assert.Empty((await (await client.GetAsync($"{ApiClient.Api}/vms")).XmlOf()).Elements("vm"));
    }

    [Fact]
    public async Task Add_DuplicateName_409()
    {
        using var client = _app.Admin();
        await client.AddVmAsync("same");
        var response = await client.PostAsync($"{ApiClient.Api}/vms", ApiClient.Xml("<vm><name>SAME</name></vm>"));
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("[Cannot add VM. The VM name is already in use, please choose a unique name and try again.]",
            await response.FaultDetailAsync());
    }

    [Theory]
    [InlineData("<vm><name>x</name><colour>red</colour></vm>", "vm/colour")]
    [InlineData("<vm><name>x</name><cpu><topology><sockets>two</sockets></topology></cpu></vm>", "'two' is not a whole number")]
    [InlineData("<vm><name>x</name>", "cannot be read")]
    [InlineData("<host><name>x</name></host>", "must be a <vm> element")]
    [InlineData("<vm><description>no name</description></vm>", "needs a <name>")]
    [InlineData("<vm><name>bad name!</name></vm>", "is not valid")]
    [InlineData("<vm><name>x</name><cluster id=\"00000000-0000-0000-0000-00000000abcd\"/></vm>", "Cluster '00000000-0000-0000-0000-00000000abcd' does not exist")]
    [InlineData("<vm><name>x</name><memory>1000</memory></vm>", "at least 1 MiB")]
    [InlineData("<!DOCTYPE vm [<!ENTITY e \"x\">]><vm><name>&e;</name></vm>", "cannot be read")]
    public async Task Add_BadInput_400FaultAndNothingStored(string body, string expected)
    {
        using var client = _app.Admin();
        var response = await client.PostAsync($"{ApiClient.Api}/vms", ApiClient.Xml(body));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await response.FaultDetailAsync(), StringComparison.Ordinal);
        Assert.Empty((await (await client.GetAsync($"{ApiClient.Api}/vms")).XmlOf()).Elements("vm"));
    }

    [Fact]
    public async Task Remove_DownVm_GoneWithEvent()
    {
        using var client = _app.Admin();
        var id = await client.AddVmAsync("gone");
        var response = await client.DeleteAsync($"{ApiClient.Api}/vms/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("complete", (await response.XmlOf()).Element("status")?.Value);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{ApiClient.Api}/vms/{id}")).StatusCode);
        var removed = await (await client.GetAsync($"{ApiClient.Api}/events?search=code%3D113")).XmlOf();
        Assert.Equal("VM gone was successfully removed.", Assert.Single(removed.Elements("event")).Element("description")?.Value);
    }

    [Fact]
    public async Task Remove_UnknownVm_404()
    {
        using var client = _app.Admin();
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"{ApiClient.Api}/vms/{Guid.NewGuid()}")).StatusCode);
    }

    internal static XElement Topology(XElement vm) => vm.Element("cpu")!.Element("topology")!;
}
