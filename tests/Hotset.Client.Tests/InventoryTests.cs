using System.Net;

namespace Hotset.Client.Tests;

/// <summary>Hosts, clusters, events and the engine configuration through the client.</summary>
public sealed class InventoryTests : IDisposable
{
    private readonly ClientTestBed _bed = new();
    private readonly HotsetClient _client;

    public InventoryTests() => _client = _bed.BasicClient();

    public void Dispose() => _bed.Dispose();

    [Fact]
    public async Task Hosts_AddListFindRemove()
    {
        var added = await _client.Hosts.AddAsync(new HostCreate("h2", "http://h2.example:54321", "secret"));

        Assert.Equal(("h2", "http://h2.example:54321"), (added.Name, added.Address));
        Assert.Contains(await _client.Hosts.ListAsync(), h => h.Id == added.Id);
        Assert.Equal(added.Id, (await _client.Hosts.FindAsync("h2"))?.Id);
        Assert.Equal("h2", (await _client.Hosts.GetAsync(added.Id)).Name);
        await _client.Hosts.RemoveAsync(added.Id);
        Assert.Null(await _client.Hosts.FindAsync("h2"));
    }

    [Fact]
    public async Task Hosts_UpHost_ReportsTopology()
    {
        await _bed.AddUpHostAsync();

        var host = Assert.Single(await _client.Hosts.ListAsync());

        Assert.Equal(("host1", "up", 255), (host.Name, host.Status, host.MaxVcpus));
        Assert.Equal(new CpuTopology(1, 8, 2), host.Topology);
    }

    [Fact]
    public async Task Hosts_AddWithoutSecret_400Fault()
    {
        var e = await Assert.ThrowsAsync<HotsetApiException>(() => _client.Hosts.AddAsync(new HostCreate("h3", "h3", "")));
        Assert.Equal(HttpStatusCode.BadRequest, e.Status);
        Assert.Contains("root_password", e.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Clusters_ListAndGet_Default()
    {
        var cluster = Assert.Single(await _client.Clusters.ListAsync());

        Assert.Equal("Default", cluster.Name);
        Assert.Equal("x86_64", cluster.Architecture);
        Assert.Matches(@"^4\.\d+$", cluster.Version);
        Assert.Equal(cluster, await _client.Clusters.GetAsync(cluster.Id));
    }

    [Fact]
    public async Task Clusters_Update_ChangesOnlyGivenValues()
    {
        var cluster = Assert.Single(await _client.Clusters.ListAsync());

        var updated = await _client.Clusters.UpdateAsync(cluster.Id, new ClusterUpdate { VcpuOvercommitRatio = 2.5, ThreadsAsCores = true });

        Assert.Equal(cluster with { VcpuOvercommitRatio = 2.5, ThreadsAsCores = true }, updated);
        var e = await Assert.ThrowsAsync<HotsetApiException>(() => _client.Clusters.UpdateAsync(cluster.Id, new ClusterUpdate { VcpuOvercommitRatio = 0.5 }));
        Assert.Equal(HttpStatusCode.BadRequest, e.Status);
    }

    [Fact]
    public async Task OperatingSystems_List_TheEnginesOsTypes()
    {
        var all = await _client.OperatingSystems.ListAsync();

        var linux = Assert.Single(all, os => os.Id == "other_linux");
        Assert.Equal(("other_linux", "x86_64"), (linux.Name, linux.Architecture));
        Assert.NotEmpty(linux.Description);
        Assert.Contains(all, os => os.Id == "windows_2008x64_standard");
        Assert.Equal(all.Count, all.Select(os => os.Id).Distinct().Count());
    }

    [Fact]
    public async Task Events_NewestFirst_FromAndMax()
    {
        await _client.Vms.AddAsync(new VmCreate("e1"));
        await _client.Vms.AddAsync(new VmCreate("e2"));
        await _client.Vms.AddAsync(new VmCreate("e3"));

        var all = await _client.Events.ListAsync();
        Assert.True(all.Count >= 3);
        Assert.Equal(all.Select(e => e.Id).OrderDescending(), all.Select(e => e.Id));
        Assert.Equal("VM e3 was created by admin@internal.", all[0].Description);
        Assert.Equal((34, "normal"), (all[0].Code, all[0].Severity));
        Assert.NotNull(all[0].VmId);

        var after = await _client.Events.ListAsync(new EventQuery(From: all[2].Id));
        Assert.Equal(all.Take(2).Select(e => e.Id), after.Select(e => e.Id));
        Assert.Single(await _client.Events.ListAsync(new EventQuery(Max: 1)));
        Assert.All(await _client.Events.ListAsync(new EventQuery(Search: "code=34")), e => Assert.Equal(34, e.Code));
    }

    [Fact]
    public async Task Config_SetListReset_RoundTrip()
    {
        var before = Assert.Single(await _client.Config.ListAsync("MaxNumOfVmSockets"), e => e.Version == "4.8");
        Assert.True(before.IsDefault);

        var set = await _client.Config.SetAsync("MaxNumOfVmSockets", "4.8", "12");
        Assert.Equal(("12", false), (set.Value, set.IsDefault));
        Assert.Equal("12", Assert.Single(await _client.Config.ListAsync("MaxNumOfVmSockets"), e => e.Version == "4.8").Value);

        var reset = await _client.Config.ResetAsync("MaxNumOfVmSockets", "4.8");
        Assert.Equal((before.Value, true), (reset.Value, reset.IsDefault));
    }

    [Fact]
    public async Task Config_SetUnknownKey_400()
    {
        var e = await Assert.ThrowsAsync<HotsetApiException>(() => _client.Config.SetAsync("NoSuchKey", "4.8", "1"));
        Assert.Equal(HttpStatusCode.BadRequest, e.Status);
        Assert.Contains("NoSuchKey", e.Detail, StringComparison.Ordinal);
    }
}
