using System.Net;

namespace Hotset.Engine.Tests.Api;

/// <summary>PUT /vms/{id} through the engine's real UpdateVm command on a VM that is down.</summary>
public sealed class VmUpdateThroughCommandsTests : IDisposable
{
    private readonly EngineApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Put_DownVmPartial_OnlyGivenFieldsChange()
    {
        using var client = _app.Admin();
        var id = await client.AddVmAsync("r1", "<description>keep</description><memory>268435456</memory>");
        var response = await client.PutAsync($"{ApiClient.Api}/vms/{id}", ApiClient.Xml("<vm><cpu><topology sockets=\"2\"/></cpu></vm>"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var vm = await (await client.GetAsync($"{ApiClient.Api}/vms/{id}")).XmlOf();
        Assert.Equal("2", VmAddTests.Topology(vm).Element("sockets")?.Value);
        Assert.Equal("keep", vm.Element("description")?.Value);
        Assert.Equal("268435456", vm.Element("memory")?.Value);
    }

    [Fact]
    public async Task Put_TooManySockets_409AndNothingChanged()
    {
        using var client = _app.Admin();
        var id = await client.AddVmAsync("r2");
        var response = await client.PutAsync($"{ApiClient.Api}/vms/{id}",
            ApiClient.Xml("<vm><description>changed</description><cpu><topology><sockets>20000</sockets></topology></cpu></vm>"));
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("Cannot edit VM. Maximum number of sockets exceeded.", await response.FaultDetailAsync(), StringComparison.Ordinal);
        var vm = await (await client.GetAsync($"{ApiClient.Api}/vms/{id}")).XmlOf();
        Assert.Equal(("1", ""), (VmAddTests.Topology(vm).Element("sockets")?.Value, vm.Element("description")?.Value));
    }
}
