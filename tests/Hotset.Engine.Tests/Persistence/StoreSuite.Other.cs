using Hotset.Core.Agent;
using Hotset.Core.Config;
using Hotset.Core.Vms;
using Hotset.Engine.Audit;
using Hotset.Engine.Clusters;
using Hotset.Engine.Hosts;
using Hotset.Engine.Persistence.Audit;
using Hotset.Engine.Persistence.Auth;
using Hotset.Engine.Persistence.Clusters;
using Hotset.Engine.Persistence.Config;
using Hotset.Engine.Persistence.Hosts;
using Hotset.Engine.Persistence.Vms;
using Host = Hotset.Engine.Hosts.Host;

namespace Hotset.Engine.Tests.Persistence;

public abstract partial class StoreSuite
{
    [StoreFact]
    public async Task Audit_List_NewestFirstWithFromAndMax()
    {
        var log = new SqlAuditLog(Db, Clock);
        var stored = new List<AuditEvent>();
        for (var i = 0; i < 5; i++)
        {
            stored.Add(await log.AddAsync(Event(2033, $"e{i}"), Ct));
            Clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(Clock.GetUtcNow().AddSeconds(-5), stored[0].Time);
        Assert.Equal(stored.Select(e => e.Id).Reverse(), (await log.ListAsync(null, null, null, Ct)).Select(e => e.Id));
        Assert.Equal(["e4", "e3"], (await log.ListAsync(null, 2, null, Ct)).Select(e => e.Message));
        Assert.Equal(["e4", "e3", "e2"], (await log.ListAsync(stored[1].Id, null, null, Ct)).Select(e => e.Message));
        Assert.Equal(["e4"], (await log.ListAsync(stored[1].Id, 1, null, Ct)).Select(e => e.Message));
    }

    [StoreFact]
    public async Task Audit_Search_ByCodeSeverityAndVmName()
    {
        var vm = NewVm("web01");
        await new SqlVmStore(Db, Clock).AddAsync(vm, Ct);
        var log = new SqlAuditLog(Db, Clock);
        await log.AddAsync(Event(2033, "plugged") with { VmId = vm.Id, CorrelationId = "c1", UserName = "admin@internal" }, Ct);
        await log.AddAsync(Event(2034, "failed") with { VmId = vm.Id, Severity = AuditSeverity.Error }, Ct);
        await log.AddAsync(Event(2033, "other"), Ct);

        Assert.Equal(["other", "plugged"], (await log.ListAsync(null, null, "code=2033", Ct)).Select(e => e.Message));
        Assert.Equal(["failed", "plugged"], (await log.ListAsync(null, null, "vm.name=WEB*", Ct)).Select(e => e.Message));
        Assert.Equal(["failed"], (await log.ListAsync(null, null, "severity=error and vm.name=web01", Ct)).Select(e => e.Message));
        var plugged = Assert.Single(await log.ListAsync(null, null, "correlation_id=c1", Ct));
        Assert.Equal((vm.Id, "admin@internal"), (plugged.VmId, plugged.UserName));
        Assert.Throws<FormatException>(() => EventSearch.Parse("colour=red"));
    }

    [StoreFact]
    public async Task Cluster_Update_RoundTripsAndChecksVersion()
    {
        var clusters = new SqlClusterStore(Db);
        var cluster = (await clusters.GetAsync(Cluster.DefaultId, Ct))!;
        var changed = cluster with
        {
            Version = new CompatibilityVersion(4, 5),
            Architecture = Architecture.Ppc64,
            CountThreadsAsCores = true,
            VcpuOvercommitRatio = 2.5,
        };
        var stored = await clusters.UpdateAsync(changed, Ct);
        Assert.Equal(stored, await clusters.GetAsync(Cluster.DefaultId, Ct));
        await Assert.ThrowsAsync<ConcurrencyException>(() => clusters.UpdateAsync(changed, Ct));
        await Assert.ThrowsAsync<DuplicateNameException>(() => clusters.AddAsync(cluster with { Id = Guid.NewGuid() }, Ct));
    }

    [StoreFact]
    public async Task Host_AddUpdateRemove_RoundTripsCapabilities()
    {
        var hosts = new SqlHostStore(Db, Secrets);
        var host = new Host { Id = Guid.NewGuid(), Name = "h1", ClusterId = Cluster.DefaultId, Address = "http://127.0.0.1:54321", Secret = "s" };
        await hosts.AddAsync(host, Ct);
        var caps = new HostCapabilities
        {
            HostName = "h1",
            CpuSockets = 1,
            CpuCores = 2,
            CpuThreads = 4,
            OnlineCpus = [0, 1, 2, 3],
            QemuVersion = "10.0.2",
            EmulatedMachines = ["pc", "q35"],
            MaxVCpus = 255,
            AgentVersion = "1.0",
        };
        var updated = await hosts.UpdateAsync(host with { Status = HostStatus.Up, Capabilities = caps }, Ct);
        var read = (await hosts.GetAsync(host.Id, Ct))!;
        Assert.Equal((HostStatus.Up, updated.Version), (read.Status, read.Version));
        Assert.Equal(caps.OnlineCpus, read.Capabilities!.OnlineCpus);
        Assert.Equal(caps with { OnlineCpus = read.Capabilities.OnlineCpus, EmulatedMachines = read.Capabilities.EmulatedMachines }, read.Capabilities);
        await Assert.ThrowsAsync<ConcurrencyException>(() => hosts.UpdateAsync(host, Ct));
        await Assert.ThrowsAsync<DuplicateNameException>(() => hosts.AddAsync(host with { Id = Guid.NewGuid() }, Ct));
        Assert.Single(await hosts.ListAsync(Ct));
        Assert.True(await hosts.RemoveAsync(host.Id, Ct));
        Assert.Empty(await hosts.ListAsync(Ct));
    }

    [StoreFact]
    public async Task ConfigOverrides_SetReplaceRemove()
    {
        var store = new SqlConfigOverrideStore(Db);
        var v48 = CompatibilityVersion.V4_8;
        await store.SetAsync(new ConfigOverride(ConfigKey.MaxNumOfVmSockets, v48, null, "8"), Ct);
        await store.SetAsync(new ConfigOverride(ConfigKey.MaxNumOfVmCpus, v48, Architecture.X86_64, "64"), Ct);
        await store.SetAsync(new ConfigOverride(ConfigKey.MaxNumOfVmSockets, v48, null, "4"), Ct);
        Assert.Equal(
            [new ConfigOverride(ConfigKey.MaxNumOfVmCpus, v48, Architecture.X86_64, "64"), new ConfigOverride(ConfigKey.MaxNumOfVmSockets, v48, null, "4")],
            (await store.ListAsync(Ct)).OrderBy(o => o.Key));
        Assert.True(await store.RemoveAsync(ConfigKey.MaxNumOfVmSockets, v48, null, Ct));
        Assert.False(await store.RemoveAsync(ConfigKey.MaxNumOfVmSockets, v48, null, Ct));
        Assert.Single(await store.ListAsync(Ct));
    }

    [StoreFact]
    public async Task EngineConfigProvider_Set_TakesEffectAndSurvivesNewProvider()
    {
        var store = new SqlConfigOverrideStore(Db);
        var provider = new EngineConfigProvider(store);
        Assert.Equal(10000, (await provider.GetAsync(Ct)).LimitsFor(CompatibilityVersion.V4_8, Architecture.X86_64).MaxSockets);
        Assert.Empty(await provider.SetAsync(new ConfigOverride(ConfigKey.MaxNumOfVmSockets, CompatibilityVersion.V4_8, null, "2"), Ct));
        Assert.NotEmpty(await provider.SetAsync(new ConfigOverride(ConfigKey.MaxNumOfVmSockets, CompatibilityVersion.V4_8, null, "zero"), Ct));
        Assert.Equal(2, (await provider.GetAsync(Ct)).LimitsFor(CompatibilityVersion.V4_8, Architecture.X86_64).MaxSockets);
        Assert.Equal(2, (await new EngineConfigProvider(store).GetAsync(Ct)).LimitsFor(CompatibilityVersion.V4_8, Architecture.X86_64).MaxSockets);
    }

    [StoreFact]
    public async Task UsersAndTokens_StoreFindRevokeExpire()
    {
        var users = new SqlUserStore(Db, Clock);
        Assert.Null(await users.GetPasswordHashAsync("admin@internal", Ct));
        await users.SetPasswordHashAsync("Admin@Internal", "h1", Ct);
        await users.SetPasswordHashAsync("admin@internal", "h2", Ct);
        Assert.Equal("h2", await users.GetPasswordHashAsync("ADMIN@internal", Ct));

        var tokens = new SqlTokenStore(Db);
        var now = Clock.GetUtcNow();
        await tokens.AddAsync(new StoredToken("old", "admin@internal", now.AddHours(-2), now.AddHours(-1)), Ct);
        await tokens.AddAsync(new StoredToken("new", "admin@internal", now, now.AddHours(1)), Ct);
        Assert.Equal(new StoredToken("new", "admin@internal", now, now.AddHours(1)), await tokens.FindAsync("new", Ct));
        Assert.Equal(1, await tokens.RemoveExpiredAsync(now, Ct));
        Assert.Null(await tokens.FindAsync("old", Ct));
        Assert.True(await tokens.RemoveAsync("new", Ct));
        Assert.Null(await tokens.FindAsync("new", Ct));
    }

    private static AuditEvent Event(int code, string message) =>
        new() { Code = code, Severity = AuditSeverity.Normal, Message = message };
}
