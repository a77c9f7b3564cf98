using Hotset.Client;
using Hotset.Engine.Hosts;
using Hotset.Engine.Vms.Migration;
using Hotset.Testing.Processes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Hotset.EndToEnd.Tests;

/// <summary>
/// Live migration end to end: engine, two real agents (hosts <c>local</c> and <c>local2</c>), real QEMU and the
/// 128 MiB test guest. Each test shares its VMs across its asserts to keep the run short.
/// </summary>
[Collection(TwoHostProductGroup.Name)]
public sealed class MigrationEndToEndTests(TwoHostProduct two)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(90);

    private HotsetProduct Product => two.Product;

    private EngineApi Api => Product.Api;

    private HotsetClient Client => Api.Client;

    [Fact]
    public async Task PluggedVm_MigratesThereAndBack_KeepingItsCpus_UnpluggedVmRefusedClearly()
    {
        var (local, local2) = await HostIdsAsync();
        var id = await Api.CreateVmAsync("mig-plugged");
        await Api.StartAndWaitForGuestAsync(id, guestCpus: 1);
        await Api.SetTopologyAsync(id, sockets: 3);
        await Api.WaitUntilCountsAgreeAsync(id, 3, Wait);

        await Client.Vms.MigrateAsync(id, "local2");
        var there = await Api.WaitForVmAsync(id, v => v.Status == "up" && v.HostId == local2, "up on local2", Wait);
        Assert.Equal(3, there.Topology.Sockets);
        await Api.WaitUntilCountsAgreeAsync(id, 3, Wait);
        Assert.Empty(QemuOf(id, Product.AgentStateDirectory));
        Assert.Single(QemuOf(id, Product.Agent2StateDirectory));
        var events = await Api.EventTextsOfAsync(id);
        Assert.Contains(events, e => e.Code == 62 && e.Description.Contains("Source: local, Destination: local2", StringComparison.Ordinal));
        Assert.Contains(events, e => e.Code == 63 && e.Description.Contains("Actual downtime: ", StringComparison.Ordinal));

        await Client.Vms.MigrateAsync(id);
        await Api.WaitForVmAsync(id, v => v.Status == "up" && v.HostId == local, "up on local again", Wait);
        await Api.WaitUntilCountsAgreeAsync(id, 3, Wait);
        Assert.Empty(QemuOf(id, Product.Agent2StateDirectory));

        // QEMU 10 (TCG) keeps the state of an unplugged vCPU, which no destination can load: the agent refuses
        // such a VM before anything starts, and the engine says so (docs/migration.md).
        await Api.SetTopologyAsync(id, sockets: 1);
        await Api.WaitUntilCountsAgreeAsync(id, 1, Wait);
        var refused = await Assert.ThrowsAsync<HotsetApiException>(() => Client.Vms.MigrateAsync(id, "local2"));
        Assert.Equal(System.Net.HttpStatusCode.Conflict, refused.Status);
        Assert.Contains("refused to migrate VM 'mig-plugged'", refused.Message, StringComparison.Ordinal);
        Assert.Contains("(agent error 12)", refused.Message, StringComparison.Ordinal);
        var after = await Api.WaitUntilCountsAgreeAsync(id, 1, Wait);
        Assert.Equal(local, after.HostId);
        Assert.Empty(QemuOf(id, Product.Agent2StateDirectory));
        await Client.Vms.StopAsync(id);
    }

    [Fact]
    public async Task TwoVms_SwappingHostsAtOnce_BothKeepTheirCounts_DestinationTooSmallRefusedUpFront()
    {
        var (local, local2) = await HostIdsAsync();
        var plugged = await Api.CreateVmAsync("mig-two-a");
        var plain = await Api.CreateVmAsync("mig-two-b");
        // One after the other, so the placement is known: alike hosts fill evenly, the first VM goes to local.
        await Api.StartAndWaitForGuestAsync(plugged, 1);
        await Api.StartAndWaitForGuestAsync(plain, 1);
        Assert.Equal((local, local2), ((await Api.GetVmAsync(plugged)).HostId, (await Api.GetVmAsync(plain)).HostId));
        await Api.SetTopologyAsync(plugged, sockets: 2);
        await Api.WaitUntilCountsAgreeAsync(plugged, 2, Wait);

        // The engine's record of local2 says 1 core and the cluster allows no overcommit: 2 vCPUs do not fit there.
        var hostStore = Product.EngineServices.GetRequiredService<IHostStore>();
        var stored = (await hostStore.GetAsync(Guid.Parse(local2), default))!;
        var cluster = (await Client.Clusters.ListAsync()).Single(c => c.Name == "Default");
        await hostStore.UpdateAsync(stored with { Capabilities = stored.Capabilities! with { CpuCores = 1, CpuThreads = 1 } }, default);
        await Client.Clusters.UpdateAsync(cluster.Id, new ClusterUpdate { VcpuOvercommitRatio = 1 });
        try
        {
            var tooSmall = await Assert.ThrowsAsync<HotsetApiException>(() => Client.Vms.MigrateAsync(plugged, "local2"));
            Assert.Equal(System.Net.HttpStatusCode.Conflict, tooSmall.Status);
            Assert.Contains("Host local2 has room for 1 vCPUs, and VM 'mig-two-a' runs 2.", tooSmall.Message, StringComparison.Ordinal);
            Assert.Equal(("up", local), ((await Api.GetVmAsync(plugged)).Status, (await Api.GetVmAsync(plugged)).HostId));
            Assert.DoesNotContain(await Api.EventTextsOfAsync(plugged), e => e.Code == 62);
            Assert.Empty(QemuOf(plugged, Product.Agent2StateDirectory));
        }
        finally
        {
            var now = (await hostStore.GetAsync(Guid.Parse(local2), default))!;
            await hostStore.UpdateAsync(now with { Capabilities = stored.Capabilities }, default);
            await Client.Clusters.UpdateAsync(cluster.Id, new ClusterUpdate { VcpuOvercommitRatio = TwoHostProduct.OvercommitRatio });
        }

        await Task.WhenAll(Client.Vms.MigrateAsync(plugged, "local2"), Client.Vms.MigrateAsync(plain, "local"));

        await Api.WaitForVmAsync(plugged, v => v.Status == "up" && v.HostId == local2, "up on local2", Wait);
        await Api.WaitForVmAsync(plain, v => v.Status == "up" && v.HostId == local, "up on local", Wait);
        await Api.WaitUntilCountsAgreeAsync(plugged, 2, Wait);
        await Api.WaitUntilCountsAgreeAsync(plain, 1, Wait);
        await Task.WhenAll(Client.Vms.StopAsync(plugged), Client.Vms.StopAsync(plain));
    }

    [Fact]
    public async Task SlowMigration_HotSetWaitsForNextRun_CancelAndKilledDestinationLeaveTheVmOnItsSource()
    {
        var (local, _) = await HostIdsAsync();
        var id = await Api.CreateVmAsync("mig-slow");
        await Api.StartAndWaitForGuestAsync(id, guestCpus: 1);
        await Api.SetTopologyAsync(id, sockets: 2);
        await Api.WaitUntilCountsAgreeAsync(id, 2, Wait);
        var options = Product.EngineServices.GetRequiredService<IOptions<MigrationOptions>>().Value;
        var bandwidth = options.MaxBandwidthMiBps;
        options.MaxBandwidthMiBps = 1; // 128 MiB at 1 MiB/s: the migration lasts long enough to act on it.
        try
        {
            await Client.Vms.MigrateAsync(id, "local2");
            Assert.Equal("migrating", (await Api.GetVmAsync(id)).Status);

            var hotSet = await Api.SetTopologyAsync(id, sockets: 3);
            Assert.Equal(HotSetOutcome.NextRun, hotSet.HotSet?.Result);
            Assert.Equal(2, hotSet.Vm.Topology.Sockets);
            Assert.Equal(3, (await Api.GetVmAsync(id, nextRun: true)).Topology.Sockets);

            await Client.Vms.CancelMigrationAsync(id);
            var cancelled = await Api.WaitUntilCountsAgreeAsync(id, 2, Wait);
            Assert.Equal(local, cancelled.HostId);
            Assert.Empty(QemuOf(id, Product.Agent2StateDirectory));
            Assert.Contains(await Api.EventTextsOfAsync(id), e => e.Code == 65
                && e.Description.Contains("it was cancelled by admin@internal", StringComparison.Ordinal));

            await Client.Vms.MigrateAsync(id, "local2");
            var destination = Assert.Single(QemuOf(id, Product.Agent2StateDirectory));
            System.Diagnostics.Process.GetProcessById(destination).Kill();
            var deadline = DateTimeOffset.UtcNow + Wait;
            while ((await Api.EventsOfAsync(id)).Count(e => e.Code == 65) < 2 && DateTimeOffset.UtcNow < deadline)
            {
                await Task.Delay(250);
            }

            var survived = await Api.WaitForVmAsync(id, v => v.Status == "up", "up again after the second failure", Wait);
            Assert.Equal(local, survived.HostId);
            await Api.WaitUntilCountsAgreeAsync(id, 2, Wait);
            var failed = (await Api.EventTextsOfAsync(id)).First(e => e.Code == 65);
            Assert.Matches(@"^Migration failed: .+ \(VM: mig-slow, Source: local\)\.$", failed.Description);
            Assert.DoesNotContain("cancelled", failed.Description, StringComparison.Ordinal);
        }
        finally
        {
            options.MaxBandwidthMiBps = bandwidth;
        }

        await Client.Vms.StopAsync(id);
    }

    private async Task<(string Local, string Local2)> HostIdsAsync()
    {
        var hosts = await Client.Hosts.ListAsync();
        return (hosts.Single(h => h.Name == "local").Id, hosts.Single(h => h.Name == "local2").Id);
    }

    private static IReadOnlyList<int> QemuOf(string vmId, string stateDirectory) =>
        [.. QemuProcesses.Using(stateDirectory + "/").Intersect(QemuProcesses.Using(vmId))];
}

/// <summary>The two-host product, with vCPU overcommit so that this 2-core machine can plug 3 vCPUs.</summary>
public sealed class TwoHostProduct : IAsyncLifetime
{
    public const double OvercommitRatio = 8;

    public HotsetProduct Product { get; } = HotsetProduct.WithTwoHosts();

    public async Task InitializeAsync()
    {
        await Product.InitializeAsync();
        var client = Product.Api.Client;
        var cluster = (await client.Clusters.ListAsync()).Single(c => c.Name == "Default");
        await client.Clusters.UpdateAsync(cluster.Id, new ClusterUpdate { VcpuOvercommitRatio = OvercommitRatio });
    }

    public Task DisposeAsync() => Product.DisposeAsync();
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TwoHostProductGroup : ICollectionFixture<TwoHostProduct>
{
    public const string Name = "two-hosts";
}
