using System.Net;
using Hotset.Core.Agent;
using Hotset.Core.Vms;
using Hotset.Engine.Api.Vms;
using Hotset.Engine.Clusters;
using Hotset.Engine.Hosts;
using Microsoft.Extensions.DependencyInjection;
using Host = Hotset.Engine.Hosts.Host;

namespace Hotset.Engine.Tests.Api.Hardening;

/// <summary>
/// Issue 9 defect 2: a <c>cpu_set</c> is checked against the CPUs of the host where the VM runs (or, for a VM that is
/// down, of the hosts of its cluster), so a pin to a CPU the host does not have is refused with 400 and nothing is stored.
/// </summary>
public sealed class PinningHostCpuTests : IDisposable
{
    private const string Missing = "CPU_PINNING_HOST_CPU_MISSING";
    private readonly EngineApp _app = new(fakeHost: true);

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Put_RunningVmPinnedToCpuItsHostLacks_400AndNothingStored()
    {
        using var client = _app.Admin();
        await AddTwoCpuHostAsync();
        var id = await client.AddVmAsync("pinned");
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"{ApiClient.Api}/vms/{id}/start", ApiClient.Xml("<action/>"))).StatusCode);

        var response = await client.PutAsync($"{ApiClient.Api}/vms/{id}", ApiClient.Xml(Pins("0-4095")));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("[Cannot edit VM. CPU pinning of VM 'pinned' names host CPUs 0-4095, but host 'host1', where VM 'pinned' runs, "
            + "does not have 2-4095 (its online CPUs are 0,1). Pin the vCPUs to CPUs the host has "
            + "(GET /ovirt-engine/api/hosts/{id} shows its topology).]", await response.FaultDetailAsync());
        var vm = await _app.VmAsync(id);
        Assert.Null(vm.NextRun?.CpuPinning ?? vm.Configuration.CpuPinning);

        Assert.Equal(HttpStatusCode.OK, (await client.PutAsync($"{ApiClient.Api}/vms/{id}", ApiClient.Xml(Pins("1")))).StatusCode);
    }

    [Fact]
    public async Task Add_DownVmPinnedToCpuNoHostOfItsClusterHas_400_WithoutReportingHosts_Accepted()
    {
        using var client = _app.Admin();
        var accepted = await client.PostAsync(ApiClient.Api + "/vms", ApiClient.Xml($"<vm><name>early</name>{PinsCpu("7")}</vm>"));
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);

        await AddTwoCpuHostAsync();
        var refused = await client.PostAsync(ApiClient.Api + "/vms", ApiClient.Xml($"<vm><name>late</name>{PinsCpu("7")}</vm>"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("[Cannot add VM. CPU pinning of VM 'late' names host CPUs 7, but no host of its cluster has them all ('host1' has 0,1). "
            + "Pin the vCPUs to CPUs the host has (GET /ovirt-engine/api/hosts/{id} shows its topology).]", await refused.FaultDetailAsync());
        Assert.Equal(HttpStatusCode.Created,
            (await client.PostAsync(ApiClient.Api + "/vms", ApiClient.Xml($"<vm><name>fits</name>{PinsCpu("0,1")}</vm>"))).StatusCode);
    }

    [Fact]
    public void Check_OneHostOfTheClusterHasEveryPinnedCpu_Accepted()
    {
        var pins = CpuPinning.Parse("0#2_1#3");
        Assert.Null(VmPinningHostCheck.Check("vm", pins, [HostWith("small", 0, 1), HostWith("big", 0, 1, 2, 3)], runsThere: false));
        Assert.Equal(Missing, VmPinningHostCheck.Check("vm", pins, [HostWith("small", 0, 1), HostWith("odd", 1, 3)], runsThere: false)?.Code);
        Assert.Null(VmPinningHostCheck.Check("vm", pins, [HostWith("silent")], runsThere: true));
    }

    private async Task AddTwoCpuHostAsync()
    {
        var agent = await _app.AddUpHostAsync();
        agent.Capabilities = agent.Capabilities with { CpuCores = 2, CpuThreads = 2, OnlineCpus = [0, 1] };
        var hosts = _app.Services.GetRequiredService<IHostStore>();
        var host = Assert.Single(await hosts.ListAsync(CancellationToken.None));
        await hosts.UpdateAsync(host with { Capabilities = agent.Capabilities }, CancellationToken.None);
    }

    private static Host HostWith(string name, params int[] online) => new()
    {
        Id = Guid.NewGuid(),
        Name = name,
        ClusterId = Cluster.DefaultId,
        Address = "http://h",
        Secret = "s",
        Capabilities = online.Length == 0 ? null
            : new HostCapabilities { HostName = name, QemuVersion = "10", AgentVersion = "t", OnlineCpus = online },
    };

    private static string PinsCpu(string cpuSet) =>
        $"<cpu><cpu_tune><vcpu_pins><vcpu_pin><vcpu>0</vcpu><cpu_set>{cpuSet}</cpu_set></vcpu_pin></vcpu_pins></cpu_tune></cpu>";

    private static string Pins(string cpuSet) => $"<vm>{PinsCpu(cpuSet)}</vm>";
}
