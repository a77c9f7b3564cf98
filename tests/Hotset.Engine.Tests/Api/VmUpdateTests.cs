using System.Net;
using Hotset.Core.Agent;
using Hotset.Core.Vms;
using Hotset.Engine.Audit;

namespace Hotset.Engine.Tests.Api;

/// <summary>PUT /vms/{id} through the engine's real commands and a fake host: what the endpoint hands over and how it answers.</summary>
public sealed class VmUpdateTests : IDisposable
{
    private readonly EngineApp _app = new(fakeHost: true);

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Put_PartialXml_OnlyPresentElementsInPatch()
    {
        using var client = _app.Admin();
        var id = await client.AddVmAsync("p1", "<description>old</description>");
        var before = await _app.VmAsync(id);
        var response = await client.PutAsync($"{ApiClient.Api}/vms/{id}", ApiClient.Xml("<vm><cpu><topology sockets=\"3\"/></cpu></vm>"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = await _app.VmAsync(id);
        Assert.Equal(before.Configuration with { Topology = new CpuTopology(3, 1, 1) }, stored.Configuration);
        Assert.Null(stored.NextRun);
        Assert.Equal("admin@internal", (await _app.EventsAsync()).Last(e => e.Code == AuditEventCodes.VmUpdated).UserName);
        var vm = await response.XmlOf();
        Assert.Equal("3", VmAddTests.Topology(vm).Element("sockets")?.Value);
        Assert.Equal("old", vm.Element("description")?.Value);
    }

    [Fact]
    public async Task Put_Json_ReadsPatch()
    {
        using var client = _app.Admin();
        var id = await client.AddVmAsync("p2");
        var before = await _app.VmAsync(id);
        var response = await client.PutAsync($"{ApiClient.Api}/vms/{id}", ApiClient.Json("""{"description":"new","cpu":{"topology":{"sockets":2,"cores":2}}}"""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(before.Configuration with { Description = "new", Topology = new CpuTopology(2, 2, 1) },
            (await _app.VmAsync(id)).Configuration);
    }

    [Theory]
    [InlineData("?next_run=true", true)]
    [InlineData("?next_run=false", false)]
    [InlineData(";next_run", true)]
    [InlineData(";next_run=true", true)]
    [InlineData(";next_run=false", false)]
    [InlineData("", false)]
    public async Task Put_NextRunQueryOrMatrix_Forwarded(string suffix, bool expected)
    {
        using var client = _app.Admin();
        var id = await StartedVmAsync(client, "n1");
        var response = await client.PutAsync($"{ApiClient.Api}/vms/{id}{suffix}", ApiClient.Xml("<vm><cpu><topology><sockets>2</sockets></topology></cpu></vm>"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = await _app.VmAsync(id);
        Assert.Equal(expected, stored.NextRun?.Topology.Sockets == 2);
        Assert.Equal(expected ? 1 : 2, stored.Configuration.Topology.Sockets);
    }

    [Fact]
    public async Task Get_NextRunTrue_ShowsPendingConfiguration()
    {
        using var client = _app.Admin();
        var id = await StartedVmAsync(client, "n2");
        await client.PutAsync($"{ApiClient.Api}/v4/vms/{id};next_run", ApiClient.Xml("<vm><cpu><topology><sockets>4</sockets></topology></cpu></vm>"));

        var current = await (await client.GetAsync($"{ApiClient.Api}/vms/{id}")).XmlOf();
        Assert.Equal("1", VmAddTests.Topology(current).Element("sockets")?.Value);
        Assert.Equal("true", current.Element("next_run_configuration_exists")?.Value);
        var pending = await (await client.GetAsync($"{ApiClient.Api}/vms/{id}?next_run=true")).XmlOf();
        Assert.Equal("4", VmAddTests.Topology(pending).Element("sockets")?.Value);
    }

    [Fact]
    public async Task Put_HotPlugApplied_OutcomeInHeader()
    {
        using var client = _app.Admin();
        var id = await StartedVmAsync(client, "h1");
        var response = await client.PutAsync($"{ApiClient.Api}/vms/{id}", ApiClient.Xml("<vm><cpu><topology><sockets>2</sockets></topology></cpu></vm>"));
        Assert.Equal("applied; previous=1; requested=2", Assert.Single(response.Headers.GetValues("Hotset-Cpu-Hot-Set")));
    }

    [Fact]
    public async Task Put_HostRefuses_OutcomeWithTheHostsTextInHeader()
    {
        using var client = _app.Admin();
        var id = await StartedVmAsync(client, "h3");
        _app.Agents[(await _app.VmAsync(id)).RunOnHostId!.Value].SetNumberOfCpusError =
            new AgentException(AgentErrorCodes.SetNumberOfCpusFailed, "agent said \"no\"\nreally");
        var response = await client.PutAsync($"{ApiClient.Api}/vms/{id}", ApiClient.Xml("<vm><cpu><topology><sockets>2</sockets></topology></cpu></vm>"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("failed; previous=1; requested=2; message=\"agent said 'no' really\"",
            Assert.Single(response.Headers.GetValues("Hotset-Cpu-Hot-Set")));
    }

    [Fact]
    public async Task Put_NoCpuChange_NoHotSetHeader()
    {
        using var client = _app.Admin();
        var id = await client.AddVmAsync("h2");
        var response = await client.PutAsync($"{ApiClient.Api}/vms/{id}", ApiClient.Xml("<vm><description>d</description></vm>"));
        Assert.False(response.Headers.Contains("Hotset-Cpu-Hot-Set"));
    }

    [Theory]
    [InlineData("<vm><cpu><topology><sockets>x</sockets></topology></cpu></vm>")]
    [InlineData("<vm><unknown/></vm>")]
    [InlineData("not xml")]
    [InlineData("")]
    public async Task Put_BadInput_400AndCommandNotCalled(string body)
    {
        using var client = _app.Admin();
        var id = await client.AddVmAsync("b1");
        var before = await _app.VmAsync(id);
        var response = await client.PutAsync($"{ApiClient.Api}/vms/{id}", ApiClient.Xml(body));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await response.FaultDetailAsync();
        Assert.Equal(before, await _app.VmAsync(id));
        Assert.DoesNotContain(await _app.EventsAsync(), e => e.Code == AuditEventCodes.VmUpdated);
    }

    [Fact]
    public async Task Put_UnknownVm_404()
    {
        using var client = _app.Admin();
        var response = await client.PutAsync($"{ApiClient.Api}/vms/{Guid.NewGuid()}", ApiClient.Xml("<vm><description>d</description></vm>"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("", "not xml")]
    [InlineData("?next_run=maybe", "<vm><description>d</description></vm>")]
    public async Task Put_UnknownVmAndBadInput_404BeforeTheInput(string suffix, string body)
    {
        using var client = _app.Admin();
        var response = await client.PutAsync($"{ApiClient.Api}/vms/{Guid.NewGuid()}{suffix}", ApiClient.Xml(body));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Put_WithCorrelationId_ReachesCaller()
    {
        using var client = _app.Admin();
        var id = await client.AddVmAsync("c1");
        using var request = new HttpRequestMessage(HttpMethod.Put, $"{ApiClient.Api}/vms/{id}") { Content = ApiClient.Xml("<vm><comment>c</comment></vm>") };
        request.Headers.Add("Correlation-Id", "flow-42");
        var response = await client.SendAsync(request);
        Assert.Equal("flow-42", Assert.Single(response.Headers.GetValues("Correlation-Id")));
        Assert.Equal("flow-42", (await _app.EventsAsync()).Last(e => e.Code == AuditEventCodes.VmUpdated).CorrelationId);
    }

    private async Task<string> StartedVmAsync(HttpClient client, string name)
    {
        await _app.AddUpHostAsync();
        var id = await client.AddVmAsync(name);
        var started = await client.PostAsync($"{ApiClient.Api}/vms/{id}/start", ApiClient.Xml("<action/>"));
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        Assert.Equal(VmStatus.Up, (await _app.VmAsync(id)).Status);
        return id;
    }
}
