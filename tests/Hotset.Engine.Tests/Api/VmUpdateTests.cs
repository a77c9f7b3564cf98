using System.Net;
using Hotset.Engine.Vms;

namespace Hotset.Engine.Tests.Api;

/// <summary>PUT /vms/{id} through the fake commands: what the endpoint hands over and how it answers.</summary>
public sealed class VmUpdateTests : IDisposable
{
    private readonly EngineApp _app = new(fakeCommands: true);

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Put_PartialXml_OnlyPresentElementsInPatch()
    {
        using var client = _app.Admin();
        var id = await client.AddVmAsync("p1", "<description>old</description>");
        var response = await client.PutAsync($"{ApiClient.Api}/vms/{id}", ApiClient.Xml("<vm><cpu><topology sockets=\"3\"/></cpu></vm>"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var update = Assert.Single(_app.Commands.Updates);
        Assert.Equal(new VmPatch { Sockets = 3 }, update.Patch);
        Assert.False(update.NextRun);
        Assert.Equal("admin@internal", update.Caller.UserName);
        var vm = await response.XmlOf();
        Assert.Equal("3", VmAddTests.Topology(vm).Element("sockets")?.Value);
        Assert.Equal("old", vm.Element("description")?.Value);
    }

    [Fact]
    public async Task Put_Json_ReadsPatch()
    {
        using var client = _app.Admin();
        var id = await client.AddVmAsync("p2");
        var response = await client.PutAsync($"{ApiClient.Api}/vms/{id}", ApiClient.Json("""{"description":"new","cpu":{"topology":{"sockets":2,"cores":2}}}"""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new VmPatch { Description = "new", Sockets = 2, Cores = 2 }, Assert.Single(_app.Commands.Updates).Patch);
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
        var id = await client.AddVmAsync("n1");
        var response = await client.PutAsync($"{ApiClient.Api}/vms/{id}{suffix}", ApiClient.Xml("<vm><cpu><topology><sockets>2</sockets></topology></cpu></vm>"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, Assert.Single(_app.Commands.Updates).NextRun);
    }

    [Fact]
    public async Task Get_NextRunTrue_ShowsPendingConfiguration()
    {
        using var client = _app.Admin();
        var id = await client.AddVmAsync("n2");
        await client.PutAsync($"{ApiClient.Api}/v4/vms/{id};next_run", ApiClient.Xml("<vm><cpu><topology><sockets>4</sockets></topology></cpu></vm>"));

        var current = await (await client.GetAsync($"{ApiClient.Api}/vms/{id}")).XmlOf();
        Assert.Equal("1", VmAddTests.Topology(current).Element("sockets")?.Value);
        Assert.Equal("true", current.Element("next_run_configuration_exists")?.Value);
        var pending = await (await client.GetAsync($"{ApiClient.Api}/vms/{id}?next_run=true")).XmlOf();
        Assert.Equal("4", VmAddTests.Topology(pending).Element("sockets")?.Value);
    }

    [Theory]
    [InlineData(HotSetResult.Applied, null, "applied; previous=1; requested=2")]
    [InlineData(HotSetResult.Failed, "agent said \"no\"\nreally", "failed; previous=1; requested=2; message=\"agent said 'no' really\"")]
    [InlineData(HotSetResult.NextRun, "reboot required", "next_run; previous=1; requested=2; message=\"reboot required\"")]
    public async Task Put_HotSetOutcome_InHeader(HotSetResult result, string? message, string header)
    {
        using var client = _app.Admin();
        var id = await client.AddVmAsync("h1");
        _app.Commands.NextHotSet = new HotSetOutcome(result, 1, 2, message);
        var response = await client.PutAsync($"{ApiClient.Api}/vms/{id}", ApiClient.Xml("<vm><cpu><topology><sockets>2</sockets></topology></cpu></vm>"));
        Assert.Equal(header, Assert.Single(response.Headers.GetValues("Hotset-Cpu-Hot-Set")));
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
        var response = await client.PutAsync($"{ApiClient.Api}/vms/{id}", ApiClient.Xml(body));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await response.FaultDetailAsync();
        Assert.Empty(_app.Commands.Updates);
    }

    [Fact]
    public async Task Put_UnknownVm_404()
    {
        using var client = _app.Admin();
        var response = await client.PutAsync($"{ApiClient.Api}/vms/{Guid.NewGuid()}", ApiClient.Xml("<vm><description>d</description></vm>"));
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
        Assert.Equal("flow-42", Assert.Single(_app.Commands.Updates).Caller.CorrelationId);
    }
}
