using System.Net;

namespace Hotset.Client.Tests;

public sealed class VmsApiTests : IDisposable
{
    private readonly ClientTestBed _bed = new();
    private readonly HotsetClient _client;

    public VmsApiTests() => _client = _bed.BasicClient();

    public void Dispose() => _bed.Dispose();

    [Fact]
    public async Task AddGetListFind_RoundTrip()
    {
        var added = await _client.Vms.AddAsync(new VmCreate("web1") { Sockets = 2, Memory = 256L << 20, Description = "front" });

        var got = await _client.Vms.GetAsync(added.Id);
        Assert.Equal(("web1", "down", new CpuTopology(2, 1, 1), 256L << 20, "front"),
            (got.Name, got.Status, got.Topology, got.Memory, got.Description));
        Assert.Equal(added.Id, (await _client.Vms.FindAsync("web1"))?.Id);
        Assert.Equal("web1", (await _client.Vms.FindAsync(added.Id))?.Name);
        Assert.Null(await _client.Vms.FindAsync("web"));
        Assert.Null(await _client.Vms.FindAsync(Guid.NewGuid().ToString()));
        Assert.Contains(await _client.Vms.ListAsync(), v => v.Id == added.Id);
    }

    [Fact]
    public async Task ListAsync_SearchAndMax_Filter()
    {
        await _client.Vms.AddAsync(new VmCreate("web1"));
        await _client.Vms.AddAsync(new VmCreate("web2"));
        await _client.Vms.AddAsync(new VmCreate("db1"));

        Assert.Equal(["web1", "web2"], (await _client.Vms.ListAsync("name=web*")).Select(v => v.Name).Order());
        Assert.Single(await _client.Vms.ListAsync(max: 1));
    }

    [Fact]
    public async Task UpdateAsync_NextRun_StoresPendingOnly()
    {
        var vm = await _client.Vms.AddAsync(new VmCreate("later"));
        await _bed.AddUpHostAsync();
        await _client.Vms.StartAsync(vm.Id);

        var result = await _client.Vms.UpdateAsync(vm.Id, new VmUpdate { Sockets = 3 }, nextRun: true);

        Assert.Equal(1, result.Vm.Topology.Sockets);
        Assert.True(result.Vm.NextRunConfigurationExists);
        Assert.Equal(3, (await _client.Vms.GetAsync(vm.Id, nextRun: true)).Topology.Sockets);
    }

    [Fact]
    public async Task UpdateAsync_RunningVm_HotPlugsAndReportsOutcome()
    {
        var vm = await _client.Vms.AddAsync(new VmCreate("hot"));
        await _bed.AddUpHostAsync();
        await _client.Vms.StartAsync(vm.Id);

        var result = await _client.Vms.UpdateAsync(vm.Id, new VmUpdate { Sockets = 2, Description = "bigger" });

        Assert.Equal(new HotSetOutcome(HotSetOutcome.Applied, 1, 2, null), result.HotSet);
        Assert.Equal((2, "bigger", "up"), (result.Vm.Topology.Sockets, result.Vm.Description, result.Vm.Status));
    }

    [Fact]
    public async Task UpdateAsync_HostFails_OutcomeFailedWithMessage()
    {
        var vm = await _client.Vms.AddAsync(new VmCreate("fails"));
        var agent = await _bed.AddUpHostAsync();
        await _client.Vms.StartAsync(vm.Id);
        agent.SetNumberOfCpusError = new Core.Agent.AgentException(1500, "Hook Error: before_set_num_of_cpus/10_no exited with 1");

        var result = await _client.Vms.UpdateAsync(vm.Id, new VmUpdate { Sockets = 2 });

        Assert.Equal((HotSetOutcome.Failed, 1, 2), (result.HotSet?.Result, result.HotSet?.Previous, result.HotSet?.Requested));
        Assert.Contains("Hook Error", result.HotSet?.Message, StringComparison.Ordinal);
        Assert.Equal(1, result.Vm.Topology.Sockets);
    }

    [Fact]
    public async Task UpdateAsync_Refused_ThrowsWithStatusAndFaultTexts()
    {
        var vm = await _client.Vms.AddAsync(new VmCreate("refused"));

        var e = await Assert.ThrowsAsync<HotsetApiException>(() => _client.Vms.UpdateAsync(vm.Id, new VmUpdate { Sockets = 0 }));

        Assert.Equal((HttpStatusCode.Conflict, "Operation Failed"), (e.Status, e.Reason));
        Assert.Equal("[Minimum number of sockets cannot be less then 1]", e.Detail);
        Assert.Equal("Minimum number of sockets cannot be less then 1", e.DetailText);
    }

    [Fact]
    public async Task Actions_StartStopShutdownReboot_ChangeStatus()
    {
        var vm = await _client.Vms.AddAsync(new VmCreate("life"));
        var agent = await _bed.AddUpHostAsync();

        await _client.Vms.StartAsync(vm.Id);
        Assert.Equal("up", (await _client.Vms.GetAsync(vm.Id)).Status);
        await _client.Vms.RebootAsync(vm.Id, "test");
        await _client.Vms.ShutdownAsync(vm.Id, "test");
        await _client.Vms.StopAsync(vm.Id, "test");

        Assert.Contains("VM.shutdown", agent.Calls);
        Assert.Contains("VM.destroy", agent.Calls);
    }

    [Fact]
    public async Task StartAsync_AlreadyRunning_409()
    {
        var vm = await _client.Vms.AddAsync(new VmCreate("twice"));
        await _bed.AddUpHostAsync();
        await _client.Vms.StartAsync(vm.Id);

        var e = await Assert.ThrowsAsync<HotsetApiException>(() => _client.Vms.StartAsync(vm.Id));
        Assert.Equal(HttpStatusCode.Conflict, e.Status);
    }

    [Fact]
    public async Task RemoveAsync_DownVm_Gone()
    {
        var vm = await _client.Vms.AddAsync(new VmCreate("gone"));

        await _client.Vms.RemoveAsync(vm.Id);

        var e = await Assert.ThrowsAsync<HotsetApiException>(() => _client.Vms.GetAsync(vm.Id));
        Assert.Equal(HttpStatusCode.NotFound, e.Status);
        Assert.Contains(vm.Id, e.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VcpuPins_RoundTrip()
    {
        var vm = await _client.Vms.AddAsync(new VmCreate("pinned") { Sockets = 2 });

        var result = await _client.Vms.UpdateAsync(vm.Id, new VmUpdate { VcpuPins = [new VcpuPin(0, "1"), new VcpuPin(1, "2-3")] });

        Assert.Equal([new VcpuPin(0, "1"), new VcpuPin(1, "2-3")], result.Vm.VcpuPins);
        Assert.Null(result.HotSet);
    }
}
