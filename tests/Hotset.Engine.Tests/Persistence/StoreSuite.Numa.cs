using Hotset.Engine.Persistence;
using Hotset.Engine.Persistence.Migrations;
using Hotset.Engine.Vms;

namespace Hotset.Engine.Tests.Persistence;

public abstract partial class StoreSuite
{
    [StoreFact]
    public async Task NumaNodes_AddAndUpdate_RoundTripInTheirOwnColumn()
    {
        var vm = NewVm("numa") with
        {
            NumaNodes = [new VmNumaNode(Guid.NewGuid(), 0, [0, 2], 64, [1]), new VmNumaNode(Guid.NewGuid(), 1, [1], 64, [])],
        };
        await Vms.AddAsync(vm, Ct);
        var stored = await Vms.GetAsync(vm.Id, Ct);
        var updated = await Vms.UpdateAsync(stored! with { NumaNodes = [stored.NumaNodes[1]] }, Ct);

        Assert.Equal(Describe(vm.NumaNodes), Describe(stored.NumaNodes));
        Assert.Equal(Describe(updated.NumaNodes), Describe((await Vms.GetAsync(vm.Id, Ct))!.NumaNodes));
        Assert.Empty((await Vms.GetAsync((await AddPlainVmAsync()).Id, Ct))!.NumaNodes);
    }

    [StoreFact]
    public async Task Migration3_OlderDatabase_GetsTheColumnAndItsVmsHaveNoCells()
    {
        var vm = await AddPlainVmAsync();
        foreach (var sql in new[] { "ALTER TABLE vms DROP COLUMN numa_nodes", "DELETE FROM schema_version WHERE version = 3" })
        {
            await Db.ExecuteAsync(sql, null, Ct);
        }

        Assert.Equal([3], await Migrator.MigrateAsync(Db, Clock, Ct));
        Assert.Empty((await Vms.GetAsync(vm.Id, Ct))!.NumaNodes);
    }

    private async Task<Vm> AddPlainVmAsync()
    {
        var vm = NewVm("plain-" + Guid.NewGuid().ToString("N")[..8]);
        await Vms.AddAsync(vm, Ct);
        return vm;
    }

    private static string Describe(IEnumerable<VmNumaNode> nodes) =>
        string.Join(" | ", nodes.Select(n => $"{n.Id} {n.Index} [{string.Join(',', n.Cpus)}] {n.MemoryMiB} [{string.Join(',', n.HostNodes)}]"));
}
