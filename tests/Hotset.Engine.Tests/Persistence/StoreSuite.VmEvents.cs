using Hotset.Core.Vms;
using Hotset.Engine.Persistence.Audit;

namespace Hotset.Engine.Tests.Persistence;

/// <summary>A VM write with its events: one transaction, so both are stored, in order, or neither.</summary>
public abstract partial class StoreSuite
{
    [StoreFact]
    public async Task Vm_UpdateWithEvents_StoresWriteAndEventsInOrder()
    {
        var vm = NewVm("v");
        await Vms.AddAsync(vm, Ct);

        var stored = await Vms.UpdateAsync(vm with { Status = VmStatus.Up }, [Event(2033, "first"), Event(35, "second")], Ct);

        Assert.Equal((VmStatus.Up, vm.Version + 1), ((await Vms.GetAsync(vm.Id, Ct))!.Status, stored.Version));
        var events = await new SqlAuditLog(Db, Clock).ListAsync(null, null, null, Ct);
        Assert.Equal(["second", "first"], events.Select(e => e.Message));
        Assert.All(events, e => Assert.Equal(Clock.GetUtcNow(), e.Time));
    }

    [StoreFact]
    public async Task Vm_UpdateWithEventsOnStaleVersion_StoresNeither()
    {
        var vm = NewVm("v");
        await Vms.AddAsync(vm, Ct);
        await Vms.UpdateAsync(vm with { Status = VmStatus.PoweringUp }, Ct);

        await Assert.ThrowsAsync<ConcurrencyException>(() =>
            Vms.UpdateAsync(vm with { Status = VmStatus.Down }, [Event(2033, "lost")], Ct));

        Assert.Equal(VmStatus.PoweringUp, (await Vms.GetAsync(vm.Id, Ct))?.Status);
        Assert.Empty(await new SqlAuditLog(Db, Clock).ListAsync(null, null, null, Ct));
    }

    [StoreFact]
    public async Task Vm_UpdateWithEventsToTakenName_StoresNeither()
    {
        var a = NewVm("a");
        await Vms.AddAsync(a, Ct);
        await Vms.AddAsync(NewVm("b"), Ct);

        await Assert.ThrowsAsync<DuplicateNameException>(() =>
            Vms.UpdateAsync(a with { Configuration = a.Configuration with { Name = "B" } }, [Event(35, "renamed")], Ct));

        Assert.Equal("a", (await Vms.GetAsync(a.Id, Ct))?.Name);
        Assert.Empty(await new SqlAuditLog(Db, Clock).ListAsync(null, null, null, Ct));
    }
}
