using Hotset.Engine.Tests.Fakes;
using Hotset.Engine.Vms.Commands;

namespace Hotset.Engine.Tests.Commands;

/// <summary><see cref="VmWrites.ChangeFromAsync"/>: one write from the VM in hand, re-applied on a concurrent write.</summary>
public sealed class VmWritesTests
{
    private readonly EngineTestBed _bed = new();

    [Fact]
    public async Task ChangeFromAsync_Unchanged_WritesWithoutReading()
    {
        var vm = await _bed.AddVmAsync();

        var stored = await _bed.Vms.ChangeFromAsync(vm, v => v with { VcpuCount = 7 }, default);

        Assert.Equal((7, vm.Version + 1), (stored!.VcpuCount, stored.Version));
    }

    [Fact]
    public async Task ChangeFromAsync_ConcurrentWrite_ReappliedOnTheirVersion()
    {
        var vm = await _bed.AddVmAsync();
        _bed.Vms.EditConcurrentlyBeforeNextUpdate();

        var stored = await _bed.Vms.ChangeFromAsync(vm, v => v with { VcpuCount = 7 }, default);

        Assert.Equal(("concurrent", 7), (stored!.Configuration.Description, stored.VcpuCount));
        Assert.Equal(stored, _bed.Vms.Get(vm.Id));
    }

    [Fact]
    public async Task ChangeFromAsync_Declined_WritesNothing()
    {
        var vm = await _bed.AddVmAsync();

        Assert.Null(await _bed.Vms.ChangeFromAsync(vm, _ => null, default));
        Assert.Equal(vm.Version, _bed.Vms.Get(vm.Id).Version);
    }
}
