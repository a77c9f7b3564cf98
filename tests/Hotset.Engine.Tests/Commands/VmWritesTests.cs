using Hotset.Engine.Audit;
using Hotset.Engine.Tests.Fakes;
using Hotset.Engine.Vms.Commands;

namespace Hotset.Engine.Tests.Commands;

/// <summary>
/// <see cref="VmWrites.ChangeFromAsync(Vms.IVmStore, Vms.Vm, Func{Vms.Vm, Vms.Vm?}, CancellationToken)"/>: one write
/// from the VM in hand, re-applied on a concurrent write; with events, they go with the write or alone.
/// </summary>
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

    [Fact]
    public async Task ChangeFromAsync_WithEvents_StoredWithTheWrite()
    {
        var vm = await _bed.AddVmAsync();

        await _bed.Vms.ChangeFromAsync(vm, v => v with { VcpuCount = 7 }, [Event(2033), Event(35)], _bed.Audit, default);

        Assert.Equal(1, _bed.Vms.WritesWithEvents);
        Assert.Equal([2033, 35], _bed.Audit.Codes);
    }

    [Fact]
    public async Task ChangeFromAsync_WithEventsAndConcurrentWrite_ReappliedAndEventsStoredOnce()
    {
        var vm = await _bed.AddVmAsync();
        _bed.Vms.EditConcurrentlyBeforeNextUpdate(v => v.VcpuCount == 7);

        var stored = await _bed.Vms.ChangeFromAsync(vm, v => v with { VcpuCount = 7 }, [Event(2033)], _bed.Audit, default);

        Assert.Equal(("concurrent", 7), (stored!.Configuration.Description, stored.VcpuCount));
        Assert.Equal([2033], _bed.Audit.Codes);
    }

    [Fact]
    public async Task ChangeFromAsync_WithEventsAndNothingToWrite_EventsStoredAlone()
    {
        var vm = await _bed.AddVmAsync();

        Assert.Equal(vm, await _bed.Vms.ChangeFromAsync(vm, v => v, [Event(35)], _bed.Audit, default));
        Assert.Null(await _bed.Vms.ChangeFromAsync(vm, _ => null, [Event(2033)], _bed.Audit, default));

        Assert.Equal(0, _bed.Vms.WritesWithEvents);
        Assert.Equal([35, 2033], _bed.Audit.Codes);
    }

    [Fact]
    public async Task ChangeReportedAsync_Written_TheEventMadeFromTheChangedVmGoesWithTheWrite()
    {
        var vm = await _bed.AddVmAsync();
        _bed.Vms.EditConcurrentlyBeforeNextUpdate(v => v.VcpuCount == 7);

        var stored = await _bed.Vms.ChangeReportedAsync(vm.Id, v => v with { VcpuCount = 7 },
            v => new AuditEvent { Code = 63, Severity = AuditSeverity.Normal, Message = $"{v.Configuration.Description} {v.VcpuCount}" }, default);

        Assert.Equal(7, stored!.VcpuCount);
        Assert.Equal(1, _bed.Vms.WritesWithEvents);
        Assert.Equal("concurrent 7", Assert.Single(_bed.Audit.Events).Message);
    }

    [Fact]
    public async Task ChangeReportedAsync_Declined_NothingWrittenNoEvent()
    {
        var vm = await _bed.AddVmAsync();

        Assert.Null(await _bed.Vms.ChangeReportedAsync(vm.Id, _ => null, _ => Event(63), default));

        Assert.Equal((vm.Version, 0), (_bed.Vms.Get(vm.Id).Version, _bed.Vms.WritesWithEvents));
        Assert.Empty(_bed.Audit.Codes);
    }

    private static AuditEvent Event(int code) => new() { Code = code, Severity = AuditSeverity.Normal, Message = $"event {code}" };
}
