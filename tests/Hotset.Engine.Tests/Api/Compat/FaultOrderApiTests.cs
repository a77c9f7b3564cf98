using System.Net;
using Hotset.Core.Vms;

namespace Hotset.Engine.Tests.Api.Compat;

/// <summary>
/// A request that breaks several rules: the faults come in SPEC §4's order (limits on the request itself first, host
/// capacity last) and the answer has the status of the first.
/// </summary>
public sealed class FaultOrderApiTests : IDisposable
{
    private readonly EngineApp _app = new(fakeHost: true);

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Put_20000SocketsOnRunningVm_409LimitsFirstHostCapacityLast()
    {
        using var client = _app.Admin();
        await _app.AddUpHostAsync();
        var id = await client.AddVmAsync("vm1");
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"{ApiClient.Api}/vms/{id}/start", ApiClient.Xml("<action/>"))).StatusCode);

        var response = await client.PutAsync($"{ApiClient.Api}/vms/{id}",
            ApiClient.Xml("<vm><cpu><topology><sockets>20000</sockets></topology></cpu></vm>"));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var detail = await response.FaultDetailAsync();
        var sockets = detail.IndexOf(VmFaults.MaxSocketsExceeded().Message, StringComparison.Ordinal);
        var host = detail.IndexOf(VmFaults.CpusNotAvailableOnHost().Message, StringComparison.Ordinal);
        Assert.StartsWith("[" + VmFaults.MaxCpusExceeded().Message + ", " + VmFaults.MaxSocketsExceeded().Message, detail, StringComparison.Ordinal);
        Assert.True(sockets > 0 && host > sockets, detail);
        Assert.EndsWith(VmFaults.CpusNotAvailableOnHost().Message + "]", detail, StringComparison.Ordinal);
        Assert.Equal(1, (await _app.VmAsync(id)).Configuration.Topology.Sockets);
    }

    [Fact]
    public async Task Put_OnlyBeyondHost_400HostText()
    {
        using var client = _app.Admin();
        await _app.AddUpHostAsync();
        var id = await client.AddVmAsync("vm1");
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"{ApiClient.Api}/vms/{id}/start", ApiClient.Xml("<action/>"))).StatusCode);

        var response = await client.PutAsync($"{ApiClient.Api}/vms/{id}",
            ApiClient.Xml("<vm><cpu><topology><sockets>12</sockets></topology></cpu></vm>"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal($"[{VmFaults.CpusNotAvailableOnHost().Message}]", await response.FaultDetailAsync());
    }

    [Fact]
    public async Task CpuOptions_RefusedOption_SameOrderAndStatusAsPut()
    {
        using var client = _app.Admin();
        await _app.AddUpHostAsync();
        var id = await client.AddVmAsync("vm1", "<cpu_pinning_policy>manual</cpu_pinning_policy><cpu><cpu_tune><vcpu_pins><vcpu_pin><vcpu>0</vcpu><cpu_set>1</cpu_set></vcpu_pin></vcpu_pins></cpu_tune></cpu>");
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"{ApiClient.Api}/vms/{id}/start", ApiClient.Xml("<action/>"))).StatusCode);

        var put = await client.PutAsync($"{ApiClient.Api}/vms/{id}",
            ApiClient.Xml("<vm><cpu><topology><sockets>12</sockets><threads>9</threads></topology></cpu></vm>"));

        Assert.Equal(HttpStatusCode.Conflict, put.StatusCode);
        Assert.StartsWith("[" + VmFaults.MaxThreadsPerCpuExceeded().Message, await put.FaultDetailAsync(), StringComparison.Ordinal);
    }
}
