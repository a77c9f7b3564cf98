using System.Net;
using System.Text.Json;
using System.Xml.Linq;

namespace Hotset.Engine.Tests.Api.Compat;

/// <summary>The collections under a VM that oVirt clients list, and host statistics, in oVirt's shapes.</summary>
public sealed class VmSubCollectionTests : IDisposable
{
    private readonly EngineApp _app = new(fakeHost: true);

    public void Dispose() => _app.Dispose();

    [Theory]
    [InlineData("numanodes", "vm_numa_nodes", "vm_numa_node")]
    [InlineData("nics", "nics", "nic")]
    [InlineData("diskattachments", "disk_attachments", "disk_attachment")]
    [InlineData("cdroms", "cdroms", "cdrom")]
    [InlineData("watchdogs", "watchdogs", "watchdog")]
    [InlineData("graphicsconsoles", "graphics_consoles", "graphics_console")]
    [InlineData("hostdevices", "host_devices", "host_device")]
    [InlineData("reporteddevices", "reported_devices", "reported_device")]
    public async Task EmptyCollection_XmlAndJson_EmptyListNot404(string rel, string listName, string itemName)
    {
        using var xml = _app.Admin();
        using var json = _app.Admin("application/json");
        var id = await xml.AddVmAsync("vm1");

        var list = await (await xml.GetAsync($"{ApiClient.Api}/vms/{id}/{rel}")).XmlOf();
        Assert.Equal(listName, list.Name.LocalName);
        Assert.Empty(list.Elements());
        var body = JsonDocument.Parse(await json.GetStringAsync($"{ApiClient.Api}/vms/{id}/{rel}")).RootElement;
        Assert.Equal(0, body.GetProperty(itemName).GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await xml.GetAsync($"{ApiClient.Api}/vms/{Guid.NewGuid()}/{rel}")).StatusCode);
    }

    [Fact]
    public async Task Vm_LinksToEverySubCollection_AndEachAnswers200()
    {
        using var client = _app.Admin();
        var id = await client.AddVmAsync("vm1");
        var vm = await (await client.GetAsync($"{ApiClient.Api}/vms/{id}")).XmlOf();
        var links = vm.Elements("link").ToDictionary(l => l.Attribute("rel")!.Value, l => l.Attribute("href")!.Value);
        Assert.Contains("statistics", links.Keys);
        Assert.Contains("numanodes", links.Keys);
        Assert.Contains("snapshots", links.Keys);
        foreach (var href in links.Values)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(href)).StatusCode);
        }
    }

    [Fact]
    public async Task Snapshots_ActiveVmSnapshot_GettableById()
    {
        using var client = _app.Admin();
        var id = await client.AddVmAsync("vm1");
        var snapshot = Assert.Single((await (await client.GetAsync($"{ApiClient.Api}/vms/{id}/snapshots")).XmlOf()).Elements("snapshot"));
        Assert.Equal(("Active VM", "active", "ok"), (snapshot.Element("description")?.Value,
            snapshot.Element("snapshot_type")?.Value, snapshot.Element("snapshot_status")?.Value));
        Assert.Equal(id, snapshot.Element("vm")?.Attribute("id")?.Value);
        var one = await client.GetAsync(snapshot.Attribute("href")!.Value);
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{ApiClient.Api}/vms/{id}/snapshots/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task Statistics_DownVm_OvirtNamesUnitsAndConfiguredMemory()
    {
        using var client = _app.Admin();
        var id = await client.AddVmAsync("vm1", "<memory>268435456</memory>");
        var list = await (await client.GetAsync($"{ApiClient.Api}/vms/{id}/statistics")).XmlOf();
        var stats = list.Elements("statistic").ToDictionary(s => s.Element("name")!.Value);

        Assert.Equal(["memory.installed", "memory.used", "cpu.current.guest", "cpu.current.hypervisor", "cpu.current.total",
            "cpu.count.guest", "cpu.count.hypervisor"], stats.Keys);
        var memory = stats["memory.installed"];
        Assert.Equal(("Total memory configured", "gauge", "integer", "bytes", "268435456"), (memory.Element("description")?.Value,
            memory.Element("kind")?.Value, memory.Element("type")?.Value, memory.Element("unit")?.Value, Datum(memory)));
        Assert.Equal(("decimal", "percent", "0"), (stats["cpu.current.guest"].Element("type")?.Value,
            stats["cpu.current.guest"].Element("unit")?.Value, Datum(stats["cpu.current.guest"])));
        Assert.Equal("-1", Datum(stats["cpu.count.guest"]));
        Assert.Equal(id, memory.Element("vm")?.Attribute("id")?.Value);
    }

    [Fact]
    public async Task Statistics_RunningVm_CpuUsageFromHostAndBothCounts()
    {
        using var client = _app.Admin();
        var agent = await _app.AddUpHostAsync();
        var id = await client.AddVmAsync("vm1", "<cpu><topology><sockets>2</sockets><cores>1</cores><threads>1</threads></topology></cpu>");
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"{ApiClient.Api}/vms/{id}/start", ApiClient.Xml("<action/>"))).StatusCode);
        agent.Vms[id].CpuUsagePercent = 37.5;
        var store = _app.Services.GetService(typeof(Hotset.Engine.Vms.IVmStore)) as Hotset.Engine.Vms.IVmStore;
        var vm = await _app.VmAsync(id);
        await store!.UpdateAsync(vm with { VcpuCount = 2, GuestCpuCount = 2 }, CancellationToken.None);

        using var json = _app.Admin("application/json");
        var body = JsonDocument.Parse(await json.GetStringAsync($"{ApiClient.Api}/vms/{id}/statistics")).RootElement;
        var stats = body.GetProperty("statistic").EnumerateArray()
            .ToDictionary(s => s.GetProperty("name").GetString()!, s => s.GetProperty("values").GetProperty("value")[0].GetProperty("datum").GetString());
        Assert.Equal("37.5", stats["cpu.current.guest"]);
        Assert.Equal("37.5", stats["cpu.current.total"]);
        Assert.Equal(("2", "2"), (stats["cpu.count.guest"], stats["cpu.count.hypervisor"]));
    }

    [Fact]
    public async Task Statistics_HostUnreachable_CpuUsageZeroNotAnError()
    {
        using var client = _app.Admin();
        var agent = await _app.AddUpHostAsync();
        var id = await client.AddVmAsync("vm1");
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"{ApiClient.Api}/vms/{id}/start", ApiClient.Xml("<action/>"))).StatusCode);
        agent.Unreachable = true;

        var response = await client.GetAsync($"{ApiClient.Api}/vms/{id}/statistics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var guest = (await response.XmlOf()).Elements("statistic").Single(s => s.Element("name")?.Value == "cpu.current.guest");
        Assert.Equal("0", Datum(guest));
    }

    [Fact]
    public async Task Statistic_ById_SameAsInList()
    {
        using var client = _app.Admin();
        var id = await client.AddVmAsync("vm1");
        var first = (await (await client.GetAsync($"{ApiClient.Api}/vms/{id}/statistics")).XmlOf()).Elements("statistic").First();
        var one = await (await client.GetAsync(first.Attribute("href")!.Value)).XmlOf();
        Assert.Equal(first.ToString(), one.ToString());
    }

    [Fact]
    public async Task HostStatistics_CoresThreadsAndRunningVcpus()
    {
        using var client = _app.Admin();
        await _app.AddUpHostAsync();
        var hostId = (await (await client.GetAsync(ApiClient.Api + "/hosts")).XmlOf()).Element("host")!.Attribute("id")!.Value;
        var id = await client.AddVmAsync("vm1", "<cpu><topology><sockets>3</sockets><cores>1</cores><threads>1</threads></topology></cpu>");
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"{ApiClient.Api}/vms/{id}/start", ApiClient.Xml("<action/>"))).StatusCode);

        var stats = (await (await client.GetAsync($"{ApiClient.Api}/hosts/{hostId}/statistics")).XmlOf()).Elements("statistic")
            .ToDictionary(s => s.Element("name")!.Value, Datum);
        Assert.Equal(("8", "16", "1", "3"), (stats["cpu.cores"], stats["cpu.threads"], stats["vms.running"], stats["cpu.vcpus.running"]));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{ApiClient.Api}/hosts/{Guid.NewGuid()}/statistics")).StatusCode);
    }

    [Theory]
    [InlineData("rhel_8x64", "supported", "supported")]
    [InlineData("windows_2019x64", "supported", "unsupported")]
    public async Task OperatingSystems_CpuHotPlugSupportFromTheOsMatrix(string os, string plug, string unplug)
    {
        using var client = _app.Admin();
        var list = await (await client.GetAsync(ApiClient.Api + "/operatingsystems")).XmlOf();
        var entry = list.Elements("operating_system").Single(o => o.Attribute("id")?.Value == os);
        Assert.Equal((plug, unplug), (entry.Element("cpu_hot_plug")?.Value, entry.Element("cpu_hot_unplug")?.Value));
        var one = await (await client.GetAsync(entry.Attribute("href")!.Value)).XmlOf();
        Assert.Equal(entry.ToString(), one.ToString());
    }

    [Fact]
    public async Task OperatingSystems_RebootRequiredOsShowsIt()
    {
        using var client = _app.Admin();
        var list = await (await client.GetAsync(ApiClient.Api + "/operatingsystems")).XmlOf();
        Assert.Contains(list.Elements("operating_system"), o => o.Element("cpu_hot_plug")?.Value == "reboot_required");
    }

    private static string? Datum(XElement statistic) => statistic.Element("values")?.Element("value")?.Element("datum")?.Value;
}
