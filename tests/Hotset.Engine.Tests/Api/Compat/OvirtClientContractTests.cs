using System.Net;
using System.Xml.Linq;

namespace Hotset.Engine.Tests.Api.Compat;

/// <summary>
/// The requests the oVirt Python SDK and Ansible's <c>ovirt_vm</c> module send for create VM → start → update sockets
/// → read statistics → events → stop → remove (paths, query parameters such as <c>search=name="vm1"</c>,
/// <c>all_content=true</c>, <c>clone=false</c>, the template lookup by data center, the bodies they write), answered
/// with the elements those clients read. Written from the clients' sources; the clients themselves do not run here.
/// </summary>
public sealed class OvirtClientContractTests : IDisposable
{
    private const string BlankId = "00000000-0000-0000-0000-000000000000";

    private readonly EngineApp _app = new(fakeHost: true);

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Sdk_CreateStartUpdateStatisticsEventsStopRemove()
    {
        await _app.AddUpHostAsync();
        var sdk = await OvirtClientSession.ConnectAsync(_app.CreateClient(), EngineApp.Password);

        // connection.test() / system_service().get()
        var api = await sdk.GetAsync("");
        Assert.Equal("api", api.Name.LocalName);

        // vms_service.add(types.Vm(name, cluster=Cluster(name), template=Template(name), cpu=..., memory=...))
        var added = await sdk.PostAsync("/vms", "<vm><name>sdk1</name><cluster><name>Default</name></cluster>"
            + "<template><name>Blank</name></template><memory>134217728</memory>"
            + "<cpu><topology><cores>1</cores><sockets>1</sockets><threads>1</threads></topology></cpu>"
            + "<os><type>other_linux</type></os></vm>", HttpStatusCode.Created);
        var id = added.Attribute("id")!.Value;
        Assert.Equal(("sdk1", "down"), (added.Element("name")?.Value, added.Element("status")?.Value));

        // vm_service.start() then poll vm_service.get().status
        Assert.Equal("complete", (await sdk.PostAsync($"/vms/{id}/start", "<action/>")).Element("status")?.Value);
        Assert.Equal("up", (await sdk.GetAsync($"/vms/{id}")).Element("status")?.Value);

        // vm_service.update(types.Vm(cpu=types.Cpu(topology=types.CpuTopology(sockets=2))))
        var updated = await sdk.PutAsync($"/vms/{id}", "<vm><cpu><topology><sockets>2</sockets></topology></cpu></vm>");
        Assert.Equal("2", updated.Element("cpu")?.Element("topology")?.Element("sockets")?.Value);

        // vm_service.statistics_service().list()
        var statistics = await sdk.GetAsync($"/vms/{id}/statistics");
        var names = statistics.Elements("statistic").Select(s => s.Element("name")?.Value).ToList();
        Assert.Contains("cpu.current.guest", names);
        Assert.Contains("memory.installed", names);
        Assert.All(statistics.Elements("statistic"), s => Assert.NotNull(s.Element("values")?.Element("value")?.Element("datum")));

        // events_service.list(max=10, search='vm.name=sdk1')
        var events = await sdk.GetAsync("/events?max=10&search=" + Uri.EscapeDataString("vm.name=sdk1"));
        Assert.Contains(events.Elements("event"), e => e.Element("code")?.Value == "2033"
            && e.Element("description")?.Value == "Hotplug CPU: changed the number of CPUs on VM sdk1 from 1 to 2");

        // vm_service.stop(), wait for down, vm_service.remove(), then get() raises NotFoundError
        await sdk.PostAsync($"/vms/{id}/stop", "<action/>");
        Assert.Equal("down", (await sdk.GetAsync($"/vms/{id}")).Element("status")?.Value);
        Assert.Equal(HttpStatusCode.OK, (await sdk.SendAsync(HttpMethod.Delete, $"/vms/{id}", null)).StatusCode);
        var gone = await sdk.SendAsync(HttpMethod.Get, $"/vms/{id}", null);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal("fault", XElement.Parse(await gone.Content.ReadAsStringAsync()).Name.LocalName);
    }

    [Fact]
    public async Task AnsibleOvirtVm_StateRunningThenSocketsThenAbsent()
    {
        await _app.AddUpHostAsync();
        var ansible = await OvirtClientSession.ConnectAsync(_app.CreateClient(), EngineApp.Password);
        const string byName = "/vms?search=name%3D%22vm1%22&all_content=true";

        // search_entity(list_params={'all_content': True}): not there yet
        Assert.Empty((await ansible.GetAsync(byName)).Elements("vm"));

        // __get_template_with_version: cluster by name, follow_link(cluster.data_center), template by name and data center
        var cluster = Assert.Single((await ansible.GetAsync("/clusters?search=name%3D%22Default%22")).Elements("cluster"));
        var dataCenter = await ansible.GetAsync(Path(cluster.Element("data_center")!.Attribute("href")!.Value));
        var dcName = dataCenter.Element("name")!.Value;
        var templates = await ansible.GetAsync("/templates?search=" + Uri.EscapeDataString($"name=Blank and datacenter={dcName}"));
        var template = Assert.Single(templates.Elements("template"));
        Assert.Equal("1", template.Element("version")?.Element("version_number")?.Value);

        // vms_service.add(build_entity(), clone=False, clone_permissions=False)
        var vm = await ansible.PostAsync("/vms?clone=false&clone_permissions=false",
            $"<vm><name>vm1</name><cluster><name>Default</name></cluster><template id=\"{template.Attribute("id")!.Value}\"/>"
            + "<cpu><topology><sockets>1</sockets></topology></cpu><memory>134217728</memory>"
            + "<memory_policy><guaranteed>134217728</guaranteed></memory_policy><high_availability><enabled>false</enabled></high_availability>"
            + "<os><type>other_linux</type></os></vm>", HttpStatusCode.Created);
        var id = vm.Attribute("id")!.Value;

        // wait for DOWN, then post_present: get, numanodes list
        Assert.Equal("down", (await ansible.GetAsync($"/vms/{id}")).Element("status")?.Value);
        Assert.Empty((await ansible.GetAsync($"/vms/{id}/numanodes")).Elements());

        // action('start'): search, get, start, wait for UP
        Assert.Single((await ansible.GetAsync("/vms?search=name%3D%22vm1%22")).Elements("vm"));
        await ansible.PostAsync($"/vms/{id}/start", "<action/>");
        Assert.Equal("up", (await ansible.GetAsync($"/vms/{id}")).Element("status")?.Value);

        // second run with cpu_sockets: 2 — found with all_content, template of the VM checked, update
        var found = Assert.Single((await ansible.GetAsync(byName)).Elements("vm"));
        Assert.Equal(id, found.Attribute("id")?.Value);
        Assert.Equal(["Blank"], (await ansible.GetAsync("/templates?search=vm.name%3Dvm1")).Elements("template")
            .Select(t => t.Element("name")?.Value));
        var updated = await ansible.PutAsync($"/vms/{id}",
            $"<vm><name>vm1</name><cluster><name>Default</name></cluster><template id=\"{BlankId}\"/>"
            + "<cpu><topology><sockets>2</sockets></topology></cpu><memory>134217728</memory></vm>");
        Assert.Equal("2", updated.Element("cpu")?.Element("topology")?.Element("sockets")?.Value);
        Assert.Equal(2, (await _app.VmAsync(id)).Configuration.Topology.Sockets);

        // monitoring: statistics; events since the first one
        Assert.NotEmpty((await ansible.GetAsync($"/vms/{id}/statistics")).Elements("statistic"));
        Assert.Contains((await ansible.GetAsync("/events?max=5")).Elements("event"), e => e.Element("code")?.Value == "2033");

        // state: absent — pre_remove stops a running VM, waits for DOWN, removes, waits for 404
        await ansible.PostAsync($"/vms/{id}/stop", "<action/>");
        Assert.Equal("down", (await ansible.GetAsync($"/vms/{id}")).Element("status")?.Value);
        Assert.Equal(HttpStatusCode.OK, (await ansible.SendAsync(HttpMethod.Delete, $"/vms/{id}", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ansible.SendAsync(HttpMethod.Get, $"/vms/{id}", null)).StatusCode);
    }

    [Fact]
    public async Task AnsibleOvirtVmOsInfo_ListsOperatingSystemsWithFollow()
    {
        var ansible = await OvirtClientSession.ConnectAsync(_app.CreateClient(), EngineApp.Password);
        var list = await ansible.GetAsync("/operatingsystems?follow=");
        Assert.Contains(list.Elements("operating_system"), o => o.Element("name")?.Value == "other_linux");
    }

    [Fact]
    public async Task AnsibleOvirtVm_SubCollectionsItListsAfterCreate_NoneIs404()
    {
        var ansible = await OvirtClientSession.ConnectAsync(_app.CreateClient(), EngineApp.Password);
        var id = (await ansible.PostAsync("/vms", "<vm><name>vm2</name><cluster><name>Default</name></cluster></vm>",
            HttpStatusCode.Created)).Attribute("id")!.Value;
        foreach (var rel in new[] { "numanodes", "watchdogs", "graphicsconsoles", "hostdevices", "nics", "diskattachments", "cdroms", "snapshots" })
        {
            var response = await ansible.SendAsync(HttpMethod.Get, $"/vms/{id}/{rel}", null);
            Assert.True(response.StatusCode == HttpStatusCode.OK, rel);
        }
    }

    private static string Path(string href) => href[ApiClient.Api.Length..];
}
