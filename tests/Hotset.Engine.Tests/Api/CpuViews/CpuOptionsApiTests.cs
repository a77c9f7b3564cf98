using System.Net;
using System.Xml.Linq;
using Hotset.Engine.Api.Vms;

namespace Hotset.Engine.Tests.Api.CpuViews;

/// <summary>
/// <c>GET /vms/{id}/cpuoptions</c> through the engine's real commands and a fake host: every outcome the preview
/// gives for a value is then checked against what <c>PUT /vms/{id}</c> with that value does.
/// </summary>
public sealed class CpuOptionsApiTests : IDisposable
{
    private readonly EngineApp _app = new(fakeHost: true);

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task CpuOptions_RunningWindows11_RefusedNotAppliedUnchangedHotPlugAsPutDoes()
    {
        using var client = _app.Admin();
        await _app.AddUpHostAsync();
        var id = await StartedVmAsync(client, "w11", "<os><type>windows_11</type></os><cpu><topology sockets=\"3\"/></cpu>");
        var preview = await GetXmlAsync(client, id);
        Assert.Equal(("false", "up", "3", "16", "false"), (preview.Element("next_run")?.Value, preview.Element("status")?.Value,
            preview.Element("configured_vcpus")?.Value, preview.Element("max_vcpus")?.Value, preview.Element("unplug_allowed")?.Value));
        Assert.Equal(("3", "3"), (preview.Element("vcpu_count")?.Value, preview.Element("guest_cpu_count")?.Value));

        // Windows 11 needs 2 CPUs: 1 socket is refused as PUT refuses it.
        var one = Option(preview, 1);
        Assert.Equal(("refused", "409"), (one.Element("outcome")?.Value, one.Element("status")?.Value));
        var put = await PutSocketsAsync(client, id, 1);
        Assert.Equal(HttpStatusCode.Conflict, put.StatusCode);
        Assert.Equal(one.Element("fault")?.Element("detail")?.Value, await put.FaultDetailAsync());
        Assert.Equal("Operation Failed", one.Element("fault")?.Element("reason")?.Value);

        // Windows cannot unplug: PUT answers 200 and the child step logs 2034 with the preview's text.
        var two = Option(preview, 2);
        Assert.Equal(("not_applied", "2034"), (two.Element("outcome")?.Value, two.Element("event")?.Element("code")?.Value));
        put = await PutSocketsAsync(client, id, 2);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.StartsWith("failed;", HotSet(put), StringComparison.Ordinal);
        var failed = (await _app.EventsAsync()).Last(e => e.Code == 2034);
        Assert.Equal(two.Element("event")?.Element("description")?.Value, failed.Message);
        Assert.Contains("Hot un-plugging a CPU is not supported for the guest OS", failed.Message, StringComparison.Ordinal);

        Assert.Equal("unchanged", Option(preview, 3).Element("outcome")?.Value);
        put = await PutSocketsAsync(client, id, 3);
        Assert.Equal((HttpStatusCode.OK, ""), (put.StatusCode, HotSet(put)));

        // The host has 8 cores: 9 sockets do not fit (400), as PUT says.
        var nine = Option(preview, 9);
        Assert.Equal(("refused", "400"), (nine.Element("outcome")?.Value, nine.Element("status")?.Value));
        put = await PutSocketsAsync(client, id, 9);
        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Equal(nine.Element("fault")?.Element("detail")?.Value, await put.FaultDetailAsync());

        Assert.Equal("hot_plug", Option(preview, 4).Element("outcome")?.Value);
        put = await PutSocketsAsync(client, id, 4);
        Assert.StartsWith("applied; previous=3; requested=4", HotSet(put), StringComparison.Ordinal);
        Assert.Equal(4, (await _app.VmAsync(id)).Configuration.Topology.Sockets);
        Assert.Equal(Enumerable.Range(1, 16), Options(preview).Select(o => int.Parse(o.Element("sockets")!.Value, System.Globalization.CultureInfo.InvariantCulture)).Take(16));
    }

    [Fact]
    public async Task CpuOptions_RunningLinux_HotUnplugIsWhatPutDoes()
    {
        using var client = _app.Admin();
        await _app.AddUpHostAsync();
        var id = await StartedVmAsync(client, "lin", "<cpu><topology sockets=\"2\"/></cpu>");
        var preview = await GetXmlAsync(client, id);
        Assert.Equal("true", preview.Element("unplug_allowed")?.Value);
        var one = Option(preview, 1);
        Assert.Equal("hot_unplug", one.Element("outcome")?.Value);
        Assert.Null(one.Element("reason"));
        Assert.Null(one.Element("status"));

        var put = await PutSocketsAsync(client, id, 1);
        Assert.StartsWith("applied; previous=2; requested=1", HotSet(put), StringComparison.Ordinal);
        Assert.Equal(1, (await _app.VmAsync(id)).Configuration.Topology.Sockets);
    }

    [Fact]
    public async Task CpuOptions_GuestNeedsReboot_NextRunWithTheEventTextOfPut()
    {
        using var client = _app.Admin();
        await _app.AddUpHostAsync();
        var id = await StartedVmAsync(client, "w2008", "<os><type>windows_2008x64</type></os>");
        var two = Option(await GetXmlAsync(client, id), 2);
        Assert.Equal("next_run", two.Element("outcome")?.Value);

        var put = await PutSocketsAsync(client, id, 2);
        Assert.StartsWith("next_run;", HotSet(put), StringComparison.Ordinal);
        var reboot = (await _app.EventsAsync()).Last(e => e.Code == 20033);
        Assert.Equal(two.Element("reason")?.Value, reboot.Message);
        var vm = await _app.VmAsync(id);
        Assert.Equal((1, 2), (vm.Configuration.Topology.Sockets, vm.NextRun?.Topology.Sockets));
    }

    [Fact]
    public async Task CpuOptions_NextRunTrue_PreviewsTheNextRunChange()
    {
        using var client = _app.Admin();
        await _app.AddUpHostAsync();
        var id = await StartedVmAsync(client, "nr", "<cpu><topology sockets=\"2\"/></cpu>");
        var preview = await GetXmlAsync(client, id, "?next_run=true");
        Assert.Equal("true", preview.Element("next_run")?.Value);
        Assert.Equal("unchanged", Option(preview, 2).Element("outcome")?.Value);
        var five = Option(preview, 5);
        Assert.Equal("next_run", five.Element("outcome")?.Value);
        Assert.Contains("next_run was asked for", five.Element("reason")?.Value, StringComparison.Ordinal);

        var put = await client.PutAsync($"{ApiClient.Api}/vms/{id}?next_run=true", ApiClient.Xml("<vm><cpu><topology sockets=\"5\"/></cpu></vm>"));
        Assert.StartsWith("next_run; previous=2; requested=5", HotSet(put), StringComparison.Ordinal);
        var vm = await _app.VmAsync(id);
        Assert.Equal((2, 5), (vm.Configuration.Topology.Sockets, vm.NextRun?.Topology.Sockets));

        // Now the pending configuration is what a next_run update patches.
        var after = await GetXmlAsync(client, id, "?next_run=true");
        Assert.Equal("5", after.Element("topology")?.Element("sockets")?.Value);
        Assert.Equal("2", (await GetXmlAsync(client, id)).Element("topology")?.Element("sockets")?.Value);
    }

    [Fact]
    public async Task CpuOptions_DownVm_NextRunForEveryOtherValueAndNoLiveCounts()
    {
        using var client = _app.Admin();
        var id = await client.AddVmAsync("down", "<cpu><topology sockets=\"2\"/></cpu>");
        var preview = await GetXmlAsync(client, id);
        Assert.Equal(("down", "16"), (preview.Element("status")?.Value, preview.Element("max_vcpus")?.Value));
        Assert.Null(preview.Element("vcpu_count"));
        Assert.Null(preview.Element("guest_cpu_count"));
        Assert.Equal("unchanged", Option(preview, 2).Element("outcome")?.Value);
        var three = Option(preview, 3);
        Assert.Equal("next_run", three.Element("outcome")?.Value);
        Assert.Equal("VM down is down: the new topology is stored now and used when the VM starts.", three.Element("reason")?.Value);
        // i440fx with one core per socket starts with at most 240 vCPUs: that is the most this VM can have.
        Assert.Equal(240, Options(preview).Count());

        Assert.Equal(HttpStatusCode.OK, (await PutSocketsAsync(client, id, 3)).StatusCode);
        Assert.Equal(3, (await _app.VmAsync(id)).Configuration.Topology.Sockets);
    }

    [Fact]
    public async Task CpuOptions_Json_TypedValuesAndOnlyTheMembersOfEachOutcome()
    {
        using var client = _app.Admin();
        await _app.AddUpHostAsync();
        var id = await StartedVmAsync(client, "json", "<os><type>windows_11</type></os><cpu><topology sockets=\"3\"/></cpu>");
        using var json = await GetJsonAsync(client, $"{ApiClient.Api}/vms/{id}/cpuoptions");
        var root = json.RootElement;
        Assert.Equal(id, root.GetProperty("vm").GetProperty("id").GetString());
        Assert.Equal($"{ApiClient.Api}/vms/{id}", root.GetProperty("vm").GetProperty("href").GetString());
        Assert.False(root.GetProperty("next_run").GetBoolean());
        Assert.Equal("up", root.GetProperty("status").GetString());
        Assert.Equal(3, root.GetProperty("topology").GetProperty("sockets").GetInt32());
        Assert.Equal((3, 3, 3, 16), (root.GetProperty("configured_vcpus").GetInt32(), root.GetProperty("vcpu_count").GetInt32(),
            root.GetProperty("guest_cpu_count").GetInt32(), root.GetProperty("max_vcpus").GetInt32()));
        Assert.False(root.GetProperty("unplug_allowed").GetBoolean());

        var options = root.GetProperty("cpu_option").EnumerateArray().ToList();
        var refused = options[0];
        Assert.Equal(("refused", 409), (refused.GetProperty("outcome").GetString(), refused.GetProperty("status").GetInt32()));
        Assert.Equal("[Cannot edit VM. The guest OS requires at least 2 CPUs.]", refused.GetProperty("fault").GetProperty("detail").GetString());
        Assert.Equal(2034, options[1].GetProperty("event").GetProperty("code").GetInt32());
        Assert.Equal((4, 4, "hot_plug"), (options[3].GetProperty("sockets").GetInt32(), options[3].GetProperty("vcpus").GetInt32(),
            options[3].GetProperty("outcome").GetString()));
        foreach (var option in options)
        {
            var outcome = option.GetProperty("outcome").GetString();
            Assert.Equal(outcome == "next_run", option.TryGetProperty("reason", out _));
            Assert.Equal(outcome == "not_applied", option.TryGetProperty("event", out _));
            Assert.Equal(outcome == "refused", option.TryGetProperty("status", out _));
            Assert.Equal(outcome == "refused", option.TryGetProperty("fault", out _));
        }
    }

    [Theory]
    [InlineData("application/xml")]
    [InlineData("application/json")]
    public async Task CpuOptions_UnknownVm_404(string accept)
    {
        using var client = _app.Admin(accept);
        foreach (var id in new[] { Guid.NewGuid().ToString(), "not-a-guid" })
        {
            var response = await client.GetAsync($"{ApiClient.Api}/vms/{id}/cpuoptions?next_run=maybe");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Contains($"Entity not found: VM {id}", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task CpuOptions_BadNextRunFlag_400()
    {
        using var client = _app.Admin();
        var id = await client.AddVmAsync("flag");
        var response = await client.GetAsync($"{ApiClient.Api}/vms/{id}/cpuoptions?next_run=maybe");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("[next_run takes true or false.]", await response.FaultDetailAsync());
    }

    [Fact]
    public async Task CpuOptions_NoCredentials_401()
    {
        using var client = _app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync($"{ApiClient.Api}/vms/{Guid.NewGuid()}/cpuoptions")).StatusCode);
    }

    [Fact]
    public void OutcomeNames_AreTheContractsWords() =>
        Assert.Equal(["unchanged", "hot_plug", "hot_unplug", "next_run", "not_applied", "refused"],
            Enum.GetValues<Engine.Vms.Preview.CpuOptionOutcome>().Select(CpuOptionsRepresentation.NameOf));

    internal static async Task<string> StartedVmAsync(HttpClient client, string name, string extra)
    {
        var id = await client.AddVmAsync(name, extra);
        var start = await client.PostAsync($"{ApiClient.Api}/vms/{id}/start", ApiClient.Xml("<action/>"));
        Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        return id;
    }

    internal static async Task<System.Text.Json.JsonDocument> GetJsonAsync(HttpClient client, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("application/json");
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    private static async Task<XElement> GetXmlAsync(HttpClient client, string id, string query = "")
    {
        var response = await client.GetAsync($"{ApiClient.Api}/vms/{id}/cpuoptions{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.XmlOf();
        Assert.Equal("cpu_options", body.Name.LocalName);
        Assert.Equal(id, body.Element("vm")?.Attribute("id")?.Value);
        return body;
    }

    private static IEnumerable<XElement> Options(XElement preview) => preview.Elements("cpu_option");

    private static XElement Option(XElement preview, int sockets) =>
        Options(preview).Single(o => o.Element("sockets")?.Value == sockets.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static Task<HttpResponseMessage> PutSocketsAsync(HttpClient client, string id, int sockets) =>
        client.PutAsync($"{ApiClient.Api}/vms/{id}", ApiClient.Xml($"<vm><cpu><topology sockets=\"{sockets}\"/></cpu></vm>"));

    private static string HotSet(HttpResponseMessage response) =>
        response.Headers.TryGetValues(HotSetHeader.Name, out var values) ? string.Join(",", values) : "";
}
