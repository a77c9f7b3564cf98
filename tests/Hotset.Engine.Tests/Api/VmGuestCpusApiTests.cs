using System.Net;

namespace Hotset.Engine.Tests.Api;

/// <summary><c>POST /vms/{id}/guestcpus</c>: what it reads, and what it answers when the VM or its host cannot do it.</summary>
public sealed class VmGuestCpusApiTests : IDisposable
{
    private readonly EngineApp _app = new(fakeHost: true);

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Post_VmDown_409NamingTheStatus()
    {
        using var client = _app.Admin();
        var id = await client.AddVmAsync("g1");

        var response = await client.PostAsync($"{ApiClient.Api}/vms/{id}/guestcpus", Body(1, false));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("[Cannot set the guest CPUs of VM g1: the VM is Down, not Up.]", await response.FaultDetailAsync());
    }

    [Fact]
    public async Task Post_NoVcpusOrBadValues_400()
    {
        using var client = _app.Admin();
        var id = await client.AddVmAsync("g2");

        var empty = await client.PostAsync($"{ApiClient.Api}/vms/{id}/guestcpus", ApiClient.Xml("<action/>"));
        var bad = await client.PostAsync($"{ApiClient.Api}/vms/{id}/guestcpus",
            ApiClient.Json("""{"vcpus":{"vcpu":[{"index":-1,"online":"maybe"}]}}"""));

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (empty.StatusCode, bad.StatusCode));
        Assert.Contains("vcpus/vcpu", await empty.FaultDetailAsync(), StringComparison.Ordinal);
        Assert.Contains("vcpu/index must be at least 0", await bad.FaultDetailAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_HostCannotDoIt_409WithTheHostsText()
    {
        using var client = _app.Admin();
        await _app.AddUpHostAsync();
        var id = await client.AddVmAsync("g3");
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"{ApiClient.Api}/vms/{id}/start", ApiClient.Xml("<action/>"))).StatusCode);

        var response = await client.PostAsync($"{ApiClient.Api}/vms/{id}/guestcpus", Body(0, true));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("[Cannot set the guest CPUs of VM g3: This host agent client cannot set guest CPUs.]", await response.FaultDetailAsync());
    }

    private static StringContent Body(int index, bool online) => ApiClient.Xml(
        $"<action><vcpus><vcpu><index>{index}</index><online>{(online ? "true" : "false")}</online></vcpu></vcpus></action>");
}
