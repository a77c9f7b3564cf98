using System.Net;
using Hotset.Core.Faults;
using Hotset.Engine.Commands;

namespace Hotset.Engine.Tests.Api;

public sealed class VmActionTests : IDisposable
{
    private readonly EngineApp _app = new(fakeCommands: true);

    public void Dispose() => _app.Dispose();

    [Theory]
    [InlineData("start")]
    [InlineData("stop")]
    [InlineData("shutdown")]
    [InlineData("reboot")]
    public async Task Action_Succeeds_200Complete(string action)
    {
        using var client = _app.Admin();
        var id = await client.AddVmAsync("a-" + action);
        var response = await client.PostAsync($"{ApiClient.Api}/vms/{id}/{action}", ApiClient.Xml("<action><reason>test</reason></action>"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.XmlOf();
        Assert.Equal(("action", "complete"), (body.Name.LocalName, body.Element("status")?.Value));
        var (name, request) = Assert.Single(_app.Commands.Actions);
        Assert.Equal((action, Guid.Parse(id), "test"), (name, request.VmId, request.Reason));
    }

    [Fact]
    public async Task Action_EmptyBody_Accepted()
    {
        using var client = _app.Admin();
        var id = await client.AddVmAsync("empty");
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"{ApiClient.Api}/vms/{id}/start", ApiClient.Xml(""))).StatusCode);
    }

    [Fact]
    public async Task Action_CommandFails_FaultWithKindStatus()
    {
        using var client = _app.Admin();
        var id = await client.AddVmAsync("busy");
        _app.Commands.NextActionResult = CommandResult.Fail(new Fault("X", FaultKind.Conflict, "Cannot run VM. VM is running."));
        var response = await client.PostAsync($"{ApiClient.Api}/vms/{id}/start", ApiClient.Xml("<action/>"));
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("[Cannot run VM. VM is running.]", await response.FaultDetailAsync());
    }

    [Fact]
    public async Task Action_UnknownVm_404()
    {
        using var client = _app.Admin();
        var response = await client.PostAsync($"{ApiClient.Api}/vms/{Guid.NewGuid()}/stop", ApiClient.Xml("<action/>"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(_app.Commands.Actions);
    }

    [Fact]
    public async Task Remove_RunningVm_409AndKept()
    {
        using var client = _app.Admin();
        var id = await client.AddVmAsync("up");
        await _app.SetRunningAsync(id);
        var response = await client.DeleteAsync($"{ApiClient.Api}/vms/{id}");
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("[Cannot remove VM. VM is running.]", await response.FaultDetailAsync());
        var vm = await (await client.GetAsync($"{ApiClient.Api}/vms/{id}")).XmlOf();
        Assert.Equal("up", vm.Element("status")?.Value);
        Assert.NotNull(vm.Element("host")?.Attribute("id"));
        Assert.Equal("16", vm.Element("max_vcpus")?.Value);
    }
}
