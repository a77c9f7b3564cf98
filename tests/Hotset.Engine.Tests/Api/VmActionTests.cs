using System.Net;
using Hotset.Engine.Vms.Commands;

namespace Hotset.Engine.Tests.Api;

/// <summary>The VM actions through the engine's real commands and a fake host.</summary>
public sealed class VmActionTests : IDisposable
{
    private readonly EngineApp _app = new(fakeHost: true);

    public void Dispose() => _app.Dispose();

    [Theory]
    [InlineData("start", "VM.create", null)]
    [InlineData("stop", "VM.destroy", "VM vm-stop powered off by admin@internal (Host: host1) (Reason: test).")]
    [InlineData("shutdown", "VM.shutdown", "VM shutdown initiated by admin@internal on VM vm-shutdown (Host: host1) (Reason: test).")]
    [InlineData("reboot", "VM.destroy,VM.create", null)]
    public async Task Action_Succeeds_200Complete(string action, string hostCalls, string? reasonEvent)
    {
        using var client = _app.Admin();
        var agent = await _app.AddUpHostAsync();
        var id = await client.AddVmAsync("vm-" + action);
        if (action != "start")
        {
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"{ApiClient.Api}/vms/{id}/start", ApiClient.Xml("<action/>"))).StatusCode);
        }

        agent.Calls.Clear();
        var response = await client.PostAsync($"{ApiClient.Api}/vms/{id}/{action}", ApiClient.Xml("<action><reason>test</reason></action>"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.XmlOf();
        Assert.Equal(("action", "complete"), (body.Name.LocalName, body.Element("status")?.Value));
        Assert.Equal(hostCalls, string.Join(",", agent.Calls.Where(c => !c.StartsWith("VM.getStats", StringComparison.Ordinal))));
        if (reasonEvent is not null)
        {
            Assert.Contains(await _app.EventsAsync(), e => e.Message == reasonEvent);
        }
    }

    [Fact]
    public async Task Action_EmptyBody_Accepted()
    {
        using var client = _app.Admin();
        await _app.AddUpHostAsync();
        var id = await client.AddVmAsync("empty");
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"{ApiClient.Api}/vms/{id}/start", ApiClient.Xml(""))).StatusCode);
    }

    [Fact]
    public async Task Action_CommandFails_FaultWithKindStatus()
    {
        using var client = _app.Admin();
        var id = await client.AddVmAsync("busy");
        var running = await _app.SetRunningAsync(id);
        var response = await client.PostAsync($"{ApiClient.Api}/vms/{id}/start", ApiClient.Xml("<action/>"));
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal($"[{VmActionFaults.AlreadyRunning(running).Message}]", await response.FaultDetailAsync());
    }

    [Fact]
    public async Task Action_UnknownVm_404()
    {
        using var client = _app.Admin();
        var agent = await _app.AddUpHostAsync();
        var response = await client.PostAsync($"{ApiClient.Api}/vms/{Guid.NewGuid()}/stop", ApiClient.Xml("<action/>"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(agent.Calls);
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
