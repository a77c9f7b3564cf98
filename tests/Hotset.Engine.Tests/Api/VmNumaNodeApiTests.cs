using System.Net;
using System.Xml.Linq;

namespace Hotset.Engine.Tests.Api;

/// <summary>
/// <c>/vms/{id}/numanodes</c>: oVirt's shape in and out, SPEC §4's NUMA texts, refused changes change nothing, the
/// cells go to the host on start, and a CPU update that breaks them is refused.
/// </summary>
public sealed class VmNumaNodeApiTests : IDisposable
{
    private readonly EngineApp _app = new(fakeHost: true);

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Post_OvirtShape_StoredAndListedWithCoresMemoryAndPins()
    {
        using var client = _app.Admin();
        var id = await client.AddVmAsync("n1", "<cpu><topology><sockets>2</sockets></topology></cpu>");

        var response = await client.PostAsync($"{ApiClient.Api}/vms/{id}/numanodes", ApiClient.Xml(
            "<vm_numa_node><index>0</index><memory>64</memory><cpu><cores><core><index>1</index></core><core index=\"0\"/></cores></cpu>"
            + "<numa_node_pins><numa_node_pin><index>0</index></numa_node_pin></numa_node_pins></vm_numa_node>"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var node = await response.XmlOf();
        Assert.Equal(response.Headers.Location?.ToString(), node.Attribute("href")?.Value);
        var list = await (await client.GetAsync($"{ApiClient.Api}/vms/{id}/numanodes")).XmlOf();
        var listed = Assert.Single(list.Elements("vm_numa_node"));
        Assert.Equal(("0", "64", "0,1", "0"), (listed.Element("index")?.Value, listed.Element("memory")?.Value,
            Cores(listed), listed.Element("numa_node_pins")?.Element("numa_node_pin")?.Element("index")?.Value));
        Assert.Equal(id, listed.Element("vm")?.Attribute("id")?.Value);
        var one = await (await client.GetAsync(node.Attribute("href")!.Value)).XmlOf();
        Assert.Equal("0,1", Cores(one));
    }

    [Fact]
    public async Task Post_Json_ReadsCoresArray()
    {
        using var client = _app.Admin();
        var id = await client.AddVmAsync("n2", "<cpu><topology><sockets>2</sockets></topology></cpu>");

        var response = await client.PostAsync($"{ApiClient.Api}/vms/{id}/numanodes", ApiClient.Json(
            """{"index":1,"memory":32,"cpu":{"cores":{"core":[{"index":1}]}}}"""));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var stored = Assert.Single((await _app.VmAsync(id)).NumaNodes);
        Assert.Equal((1, 32, "1"), (stored.Index, stored.MemoryMiB, string.Join(',', stored.Cpus)));
    }

    [Fact]
    public async Task Post_MoreNodesThanCpus_RefusedWithSpecTextAndNothingStored()
    {
        using var client = _app.Admin();
        var id = await client.AddVmAsync("n3");
        Assert.Equal(HttpStatusCode.Created, (await AddAsync(client, id, 0, "0")).StatusCode);

        var response = await AddAsync(client, id, 1, "");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("[Cannot edit VM. Assigned 2 NUMA nodes for 1 CPU cores. Cannot assign more NUMA nodes than CPU cores.]",
            await response.FaultDetailAsync());
        Assert.Single((await _app.VmAsync(id)).NumaNodes);
    }

    [Fact]
    public async Task Post_CpuIndexOutOfRange_RefusedWithSpecText()
    {
        using var client = _app.Admin();
        var id = await client.AddVmAsync("n4", "<cpu><topology><sockets>2</sockets></topology></cpu>");

        var response = await AddAsync(client, id, 0, "0,5");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("[A NUMA node has an invalid CPU index: 5. Indexes must be between 0 and 1.]", await response.FaultDetailAsync());
        Assert.Empty((await _app.VmAsync(id)).NumaNodes);
    }

    [Fact]
    public async Task Post_CpuInTwoNodesOrTooMuchMemory_Refused()
    {
        using var client = _app.Admin();
        var id = await client.AddVmAsync("n5", "<cpu><topology><sockets>2</sockets></topology></cpu>");
        await AddAsync(client, id, 0, "0");

        var twice = await AddAsync(client, id, 1, "0");
        var memory = await AddAsync(client, id, 1, "1", memory: 100);

        Assert.Equal("[Cannot edit VM. CPU 0 is assigned to two NUMA nodes.]", await twice.FaultDetailAsync());
        Assert.Equal("[Cannot edit VM. The NUMA nodes have 164 MB of memory, more than the VM's 128 MB.]", await memory.FaultDetailAsync());
        Assert.Single((await _app.VmAsync(id)).NumaNodes);
    }

    [Fact]
    public async Task PutAndDelete_ChangeOnlyThatNode()
    {
        using var client = _app.Admin();
        var id = await client.AddVmAsync("n6", "<cpu><topology><sockets>2</sockets></topology></cpu>");
        var first = (await (await AddAsync(client, id, 0, "0")).XmlOf()).Attribute("href")!.Value;
        var second = (await (await AddAsync(client, id, 1, "1")).XmlOf()).Attribute("href")!.Value;

        var delete = await client.DeleteAsync(second);
        var put = await client.PutAsync(first, ApiClient.Xml("<vm_numa_node><memory>96</memory></vm_numa_node>"));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (put.StatusCode, delete.StatusCode));
        var node = Assert.Single((await _app.VmAsync(id)).NumaNodes);
        Assert.Equal((0, 96, "0"), (node.Index, node.MemoryMiB, string.Join(',', node.Cpus)));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(second)).StatusCode);
    }

    [Fact]
    public async Task Post_RunningVm_Refused409AndNothingStored()
    {
        using var client = _app.Admin();
        var id = await client.AddVmAsync("n7");
        await _app.SetRunningAsync(id);

        var response = await AddAsync(client, id, 0, "0");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("[Cannot edit VM. The NUMA nodes of a VM can be changed only while it is down; it is Up.]", await response.FaultDetailAsync());
        Assert.Empty((await _app.VmAsync(id)).NumaNodes);
    }

    [Fact]
    public async Task Start_WithCells_HostGetsGuestNumaNodesAndVcpuTableShowsRoundRobinCells()
    {
        using var client = _app.Admin();
        var agent = await _app.AddUpHostAsync();
        var id = await client.AddVmAsync("n8", "<cpu><topology><sockets>2</sockets></topology></cpu>");
        await AddAsync(client, id, 0, "0");
        await AddAsync(client, id, 1, "1");

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"{ApiClient.Api}/vms/{id}/start", ApiClient.Xml("<action/>"))).StatusCode);

        var cells = agent.Created.Single().GuestNumaNodes!;
        Assert.Equal([(0, "0", 64), (1, "1", 64)], cells.Select(c => (c.NodeIndex, c.Cpus, c.MemoryMiB)));
        var vcpus = await (await client.GetAsync($"{ApiClient.Api}/vms/{id}/vcpus")).XmlOf();
        Assert.Equal(["0", "1", "0", "1"], vcpus.Elements("vcpu").Take(4).Select(v => v.Element("numa_node")?.Value));
    }

    [Fact]
    public async Task PutVm_UnplugBelowACellsCpu_RefusedWithSpecText()
    {
        using var client = _app.Admin();
        await _app.AddUpHostAsync();
        var id = await client.AddVmAsync("n9", "<cpu><topology><sockets>2</sockets></topology></cpu>");
        await AddAsync(client, id, 0, "0");
        await AddAsync(client, id, 1, "1");
        await client.PostAsync($"{ApiClient.Api}/vms/{id}/start", ApiClient.Xml("<action/>"));

        var response = await client.PutAsync($"{ApiClient.Api}/vms/{id}", ApiClient.Xml("<vm><cpu><topology><sockets>1</sockets></topology></cpu></vm>"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(
            "[Cannot edit VM. Assigned 2 NUMA nodes for 1 CPU cores. Cannot assign more NUMA nodes than CPU cores., A NUMA node has an invalid CPU index: 1. Indexes must be between 0 and 0.]",
            await response.FaultDetailAsync());
        Assert.Equal(2, (await _app.VmAsync(id)).Configuration.Topology.Sockets);
    }

    private static Task<HttpResponseMessage> AddAsync(HttpClient client, string id, int index, string cpus, int memory = 64) =>
        client.PostAsync($"{ApiClient.Api}/vms/{id}/numanodes", ApiClient.Xml(
            $"<vm_numa_node><index>{index}</index><memory>{memory}</memory><cpu><cores>"
            + string.Concat(cpus.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(c => $"<core><index>{c}</index></core>"))
            + "</cores></cpu></vm_numa_node>"));

    private static string Cores(XElement node) =>
        string.Join(',', node.Element("cpu")!.Element("cores")!.Elements("core").Select(c => c.Element("index")!.Value));
}
