using System.Net;
using System.Text.Json;

namespace Hotset.Engine.Tests.Api;

/// <summary>Golden shapes of the VM representation in XML and JSON, as oVirt clients read them.</summary>
public sealed class VmRepresentationTests : IDisposable
{
    private readonly EngineApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Get_Xml_HasOvirtShape()
    {
        using var client = _app.Admin();
        var id = await client.AddVmAsync("web01",
            "<description>front</description><memory>268435456</memory><cpu><topology><sockets>2</sockets><cores>1</cores><threads>1</threads></topology></cpu>");

        var response = await client.GetAsync($"{ApiClient.Api}/vms/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        var vm = await response.XmlOf();
        Assert.Equal("vm", vm.Name.LocalName);
        Assert.Equal($"/ovirt-engine/api/vms/{id}", vm.Attribute("href")?.Value);
        Assert.Equal("web01", vm.Element("name")?.Value);
        Assert.Equal("front", vm.Element("description")?.Value);
        Assert.Equal("down", vm.Element("status")?.Value);
        Assert.Equal("268435456", vm.Element("memory")?.Value);
        var topology = vm.Element("cpu")!.Element("topology")!;
        Assert.Equal(("2", "1", "1"), (topology.Element("sockets")?.Value, topology.Element("cores")?.Value, topology.Element("threads")?.Value));
        Assert.Equal("other_linux", vm.Element("os")?.Element("type")?.Value);
        Assert.Equal("00000002-0002-0002-0002-0000000003e5", vm.Element("cluster")?.Attribute("id")?.Value);
        Assert.Equal("00000000-0000-0000-0000-000000000000", vm.Element("template")?.Attribute("id")?.Value);
        Assert.Null(vm.Element("host"));
        Assert.Equal("false", vm.Element("next_run_configuration_exists")?.Value);
        Assert.Equal("none", vm.Element("cpu_pinning_policy")?.Value);
        Assert.Equal("-1", vm.Element("guest_cpu_count")?.Value);
        Assert.Equal("-1", vm.Element("vcpu_count")?.Value);
    }

    [Fact]
    public async Task Get_Json_HasOvirtJsonShape()
    {
        using var client = _app.Admin("application/json");
        var id = await client.AddVmAsync("web02", "<cpu><cpu_tune><vcpu_pins><vcpu_pin><vcpu>0</vcpu><cpu_set>1,2</cpu_set></vcpu_pin></vcpu_pins></cpu_tune></cpu>");

        var response = await client.GetAsync($"{ApiClient.Api}/vms/{id}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var vm = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(id, vm.GetProperty("id").GetString());
        Assert.Equal("web02", vm.GetProperty("name").GetString());
        Assert.Equal("1", vm.GetProperty("cpu").GetProperty("topology").GetProperty("sockets").GetString());
        Assert.Equal("134217728", vm.GetProperty("memory").GetString());
        var pin = vm.GetProperty("cpu").GetProperty("cpu_tune").GetProperty("vcpu_pins").GetProperty("vcpu_pin")[0];
        Assert.Equal(("0", "1,2"), (pin.GetProperty("vcpu").GetString(), pin.GetProperty("cpu_set").GetString()));
        Assert.Equal("00000002-0002-0002-0002-0000000003e5", vm.GetProperty("cluster").GetProperty("id").GetString());
    }

    [Fact]
    public async Task List_Json_IsArrayUnderVm()
    {
        using var client = _app.Admin("application/json");
        await client.AddVmAsync("a1");
        await client.AddVmAsync("a2");
        var list = JsonDocument.Parse(await client.GetStringAsync($"{ApiClient.Api}/vms")).RootElement;
        Assert.Equal(["a1", "a2"], list.GetProperty("vm").EnumerateArray().Select(v => v.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task List_SearchAndMax_FilterByNamePattern()
    {
        using var client = _app.Admin();
        foreach (var name in new[] { "web1", "web2", "db1" })
        {
            await client.AddVmAsync(name);
        }

        var web = await (await client.GetAsync($"{ApiClient.Api}/vms?search=name%3DWEB*")).XmlOf();
        Assert.Equal(["web1", "web2"], web.Elements("vm").Select(v => v.Element("name")!.Value));
        var one = await (await client.GetAsync($"{ApiClient.Api}/vms?search=name%3Ddb1")).XmlOf();
        Assert.Equal(["db1"], one.Elements("vm").Select(v => v.Element("name")!.Value));
        var max = await (await client.GetAsync($"{ApiClient.Api}/vms?max=2")).XmlOf();
        Assert.Equal(2, max.Elements("vm").Count());
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"{ApiClient.Api}/vms?search=status%3Dup")).StatusCode);
    }

    [Fact]
    public async Task Get_UnknownOrMalformedId_404Fault()
    {
        using var client = _app.Admin();
        var unknown = await client.GetAsync($"{ApiClient.Api}/vms/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.StartsWith("[Entity not found: VM", await unknown.FaultDetailAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{ApiClient.Api}/vms/not-an-id")).StatusCode);
    }

    [Fact]
    public async Task Fault_Json_HasReasonAndDetail()
    {
        using var client = _app.Admin("application/json");
        var response = await client.PostAsync($"{ApiClient.Api}/vms", ApiClient.Json("""{"name":"x","cpu":{"topology":{"sockets":0}}}"""));
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var fault = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Operation Failed", fault.GetProperty("reason").GetString());
        Assert.Equal("[Minimum number of sockets cannot be less then 1]", fault.GetProperty("detail").GetString());
    }
}
