namespace Hotset.Client.Tests;

/// <summary>
/// The preview and the vCPU table from the real engine (needs the engine's <c>cpuoptions</c> and <c>vcpus</c>
/// endpoints; skipped until the engine maps them).
/// </summary>
public sealed class CpuEndpointsTests : IDisposable
{
    private readonly ClientTestBed _bed = new();
    private readonly HotsetClient _client;

    public CpuEndpointsTests() => _client = _bed.BasicClient();

    public void Dispose() => _bed.Dispose();

    [Fact]
    public async Task GetCpuOptionsAsync_RunningVm_PlugIsHotAndPreviewMatchesUpdate()
    {
        var vm = await _client.Vms.AddAsync(new VmCreate("preview"));
        await _bed.AddUpHostAsync();
        await _client.Vms.StartAsync(vm.Id);

        var options = await _client.Vms.GetCpuOptionsAsync(vm.Id);

        Assert.Equal((vm.Id, "up", 1), (options.VmId, options.Status, options.ConfiguredVcpus));
        Assert.Equal(CpuOutcome.Unchanged, options.For(1)?.Outcome);
        Assert.Equal(CpuOutcome.HotPlug, options.For(2)?.Outcome);
        Assert.Equal(Enumerable.Range(1, options.Options.Count), options.Options.Select(o => o.Sockets));
        var result = await _client.Vms.UpdateAsync(vm.Id, new VmUpdate { Sockets = 2 });
        Assert.Equal(HotSetOutcome.Applied, result.HotSet?.Result);
    }

    [Fact]
    public async Task GetVcpusAsync_RunningVm_OneSlotPerMaxVcpu()
    {
        var vm = await _client.Vms.AddAsync(new VmCreate("table"));
        await _bed.AddUpHostAsync();
        await _client.Vms.StartAsync(vm.Id);
        var max = (await _client.Vms.GetAsync(vm.Id)).MaxVcpus;

        var vcpus = await _client.Vms.GetVcpusAsync(vm.Id);

        Assert.Equal(max, vcpus.Count);
        Assert.Equal(Enumerable.Range(0, vcpus.Count), vcpus.Select(v => v.Index));
        Assert.Equal(1, vcpus.Count(v => v.Plugged));
        Assert.True(vcpus[0].Plugged);
    }
}
