using Hotset.Core.Vms;
using Hotset.Engine.Clusters;
using Hotset.Engine.Persistence;
using Hotset.Engine.Persistence.Clusters;
using Hotset.Engine.Persistence.Migrations;
using Hotset.Engine.Persistence.Templates;
using Hotset.Engine.Persistence.Vms;
using Hotset.Engine.Vms;
using Microsoft.Extensions.Time.Testing;

namespace Hotset.Engine.Tests.Persistence;

/// <summary>
/// One suite for every database provider (one subclass each): the stores' behaviour must not depend on the provider.
/// Each test gets a freshly migrated and seeded database.
/// </summary>
public abstract partial class StoreSuite : IAsyncLifetime
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 26, 3, 0, 0, TimeSpan.Zero));

    protected Database Db { get; private set; } = null!;

    private SqlVmStore Vms => new(Db, Clock);

    protected abstract Task<Database> CreateDatabaseAsync();

    protected abstract Task DropDatabaseAsync();

    public async Task InitializeAsync()
    {
        Db = await CreateDatabaseAsync();
        Assert.Equal([1, 2, 3], await Migrator.MigrateAsync(Db, Clock, Ct));
        await Seed.ApplyAsync(new SqlClusterStore(Db), new SqlTemplateStore(Db), Ct);
    }

    public Task DisposeAsync() => DropDatabaseAsync();

    [StoreFact]
    public async Task Migrate_Again_AppliesNothingAndSeedIsThere()
    {
        Assert.Empty(await Migrator.MigrateAsync(Db, Clock, Ct));
        var cluster = await new SqlClusterStore(Db).GetAsync(Cluster.DefaultId, Ct);
        Assert.Equal(("Default", CompatibilityVersion.V4_8, Architecture.X86_64), (cluster?.Name, cluster?.Version, cluster?.Architecture));
        Assert.Equal(Template.BlankId, (await new SqlTemplateStore(Db).FindByNameAsync("BLANK", Ct))?.Id);
    }

    [StoreFact]
    public async Task Vm_AddGet_RoundTripsEveryField()
    {
        var vm = NewVm("round") with
        {
            Configuration = new VmConfiguration
            {
                Name = "round",
                Description = "d",
                Comment = "c",
                Topology = new(2, 3, 2),
                MemoryMiB = 512,
                OsType = "rhel_8x64",
                Chipset = Chipset.Q35,
                CpuPinningPolicy = CpuPinningPolicy.Manual,
                CpuPinning = "0#1,2_1#3",
                MaxVCpusOverride = 24,
                Kernel = "/k",
                Initrd = "/i",
                KernelArgs = "quiet",
            },
            NextRun = new VmConfiguration { Name = "round", Topology = new(4, 3, 2) },
            Status = VmStatus.Up,
            RunOnHostId = Guid.NewGuid(),
            StartedMaxVCpus = 48,
            VcpuCount = 12,
            GuestCpuCount = 11,
        };
        await Vms.AddAsync(vm, Ct);
        Assert.Equal(vm, await Vms.GetAsync(vm.Id, Ct));
        Assert.Null(await Vms.GetAsync(Guid.NewGuid(), Ct));
    }

    [StoreFact]
    public async Task Vm_AddSameNameOtherCase_ThrowsDuplicateName()
    {
        await Vms.AddAsync(NewVm("web"), Ct);
        await Assert.ThrowsAsync<DuplicateNameException>(() => Vms.AddAsync(NewVm("WEB"), Ct));
    }

    [StoreFact]
    public async Task Vm_UpdateWithStaleVersion_ThrowsConcurrency()
    {
        var vm = NewVm("v");
        await Vms.AddAsync(vm, Ct);
        var first = await Vms.UpdateAsync(vm with { Status = VmStatus.PoweringUp }, Ct);
        Assert.Equal(vm.Version + 1, first.Version);
        await Assert.ThrowsAsync<ConcurrencyException>(() => Vms.UpdateAsync(vm with { Status = VmStatus.Down }, Ct));
        Assert.Equal(VmStatus.PoweringUp, (await Vms.GetAsync(vm.Id, Ct))?.Status);
        var second = await Vms.UpdateAsync(first with { Status = VmStatus.Up }, Ct);
        Assert.Equal((VmStatus.Up, vm.Version + 2), ((await Vms.GetAsync(vm.Id, Ct))!.Status, second.Version));
    }

    [StoreFact]
    public async Task Vm_UpdateRemoved_ThrowsConcurrency()
    {
        var vm = NewVm("gone");
        await Vms.AddAsync(vm, Ct);
        Assert.True(await Vms.RemoveAsync(vm.Id, Ct));
        Assert.False(await Vms.RemoveAsync(vm.Id, Ct));
        await Assert.ThrowsAsync<ConcurrencyException>(() => Vms.UpdateAsync(vm, Ct));
    }

    [StoreFact]
    public async Task Vm_RenameToTakenName_ThrowsDuplicateName()
    {
        var a = NewVm("a");
        await Vms.AddAsync(a, Ct);
        await Vms.AddAsync(NewVm("b"), Ct);
        await Assert.ThrowsAsync<DuplicateNameException>(() =>
            Vms.UpdateAsync(a with { Configuration = a.Configuration with { Name = "B" } }, Ct));
    }

    [StoreFact]
    public async Task Vm_List_ByPatternCaseInsensitiveSortedAndLimited()
    {
        foreach (var name in new[] { "web_2", "Web_1", "webx1", "db1" })
        {
            await Vms.AddAsync(NewVm(name), Ct);
        }

        static string[] Names(IEnumerable<Vm> vms) => [.. vms.Select(v => v.Name)];
        Assert.Equal(["db1", "Web_1", "web_2", "webx1"], Names(await Vms.ListAsync(null, null, Ct)));
        Assert.Equal(["Web_1", "web_2", "webx1"], Names(await Vms.ListAsync("WEB*", null, Ct)));
        Assert.Equal(["Web_1", "web_2"], Names(await Vms.ListAsync("web_*", null, Ct)));
        Assert.Equal(["Web_1"], Names(await Vms.ListAsync("web_1", null, Ct)));
        Assert.Equal(["db1", "Web_1"], Names(await Vms.ListAsync(null, 2, Ct)));
        Assert.Empty(await Vms.ListAsync("web%", null, Ct));
    }

    [StoreFact]
    public async Task Vm_ListVersions_SameVmsAndOrderAsTheList()
    {
        foreach (var name in new[] { "web_2", "Web_1", "webx1", "db1" })
        {
            await Vms.AddAsync(NewVm(name), Ct);
        }

        var changed = (await Vms.ListAsync("db1", null, Ct))[0];
        await Vms.UpdateAsync(changed with { Status = VmStatus.Up }, Ct);
        foreach (var (pattern, max) in new (string?, int?)[] { (null, null), ("WEB*", null), ("web_*", 1), (null, 2), ("web%", null) })
        {
            Assert.Equal((await Vms.ListAsync(pattern, max, Ct)).Select(v => new VmVersion(v.Id, v.Version)),
                await Vms.ListVersionsAsync(pattern, max, Ct));
        }

        Assert.Equal(changed.Version + 1, (await Vms.ListVersionsAsync("db1", null, Ct))[0].Version);
    }

    [StoreFact]
    public async Task Vm_GetMany_TheExistingOnesWhole()
    {
        var vms = Enumerable.Range(0, 3).Select(i => NewVm($"many{i}")).ToList();
        foreach (var vm in vms)
        {
            await Vms.AddAsync(vm, Ct);
        }

        var got = await Vms.GetManyAsync([vms[0].Id, vms[2].Id, Guid.NewGuid()], Ct);

        Assert.Equal([vms[0], vms[2]], got.OrderBy(v => v.Name));
        Assert.Empty(await Vms.GetManyAsync([], Ct));
    }

    [StoreFact]
    public async Task Vm_ListByHost_OnlyThatHost()
    {
        var host = Guid.NewGuid();
        await Vms.AddAsync(NewVm("on") with { RunOnHostId = host, Status = VmStatus.Up }, Ct);
        await Vms.AddAsync(NewVm("off"), Ct);
        Assert.Equal(["on"], (await Vms.ListByHostAsync(host, Ct)).Select(v => v.Name));
    }

    protected Vm NewVm(string name) => new()
    {
        Id = Guid.NewGuid(),
        ClusterId = Cluster.DefaultId,
        TemplateId = Template.BlankId,
        Configuration = new VmConfiguration { Name = name },
        CreatedAt = Clock.GetUtcNow(),
    };
}
