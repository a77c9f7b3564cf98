namespace Hotset.Client.Tests;

/// <summary>The client reads the cpuoptions and vcpus resources exactly as their wire contract shows them.</summary>
public sealed class CpuContractTests
{
    private const string CpuOptionsJson = """
        {
          "vm": { "id": "9d7c", "href": "/ovirt-engine/api/vms/9d7c" },
          "next_run": false, "status": "up",
          "topology": { "sockets": 2, "cores": 1, "threads": 1 },
          "configured_vcpus": 2, "vcpu_count": 2, "guest_cpu_count": 2, "max_vcpus": 16, "unplug_allowed": true,
          "cpu_option": [
            { "sockets": 1, "vcpus": 1, "outcome": "hot_unplug" },
            { "sockets": 2, "vcpus": 2, "outcome": "unchanged" },
            { "sockets": 3, "vcpus": 3, "outcome": "hot_plug" },
            { "sockets": 4, "vcpus": 4, "outcome": "next_run", "reason": "The guest OS needs a restart to use more CPUs." },
            { "sockets": 5, "vcpus": 5, "outcome": "not_applied", "event": { "code": 2034, "description": "Failed to hot set" } },
            { "sockets": 9, "vcpus": 9, "outcome": "refused", "status": 409,
              "fault": { "reason": "Operation Failed", "detail": "[Cannot edit VM. Maximum number of sockets exceeded.]" } }
          ]
        }
        """;

    [Fact]
    public async Task GetCpuOptionsAsync_ContractExample_ReadsEveryField()
    {
        var stub = new StubHandler(CpuOptionsJson);
        var client = new HotsetClient(new HttpClient(stub), new Uri("http://engine/"));

        var options = await client.Vms.GetCpuOptionsAsync("9d7c", nextRun: true);

        Assert.Equal("GET /ovirt-engine/api/vms/9d7c/cpuoptions?next_run=true", Assert.Single(stub.Requests));
        Assert.Equal(("9d7c", false, "up", new CpuTopology(2, 1, 1)), (options.VmId, options.NextRun, options.Status, options.Topology));
        Assert.Equal((2, 2, 2, 16, true), (options.ConfiguredVcpus, options.VcpuCount, options.GuestCpuCount, options.MaxVcpus, options.UnplugAllowed));
        Assert.Equal([CpuOutcome.HotUnplug, CpuOutcome.Unchanged, CpuOutcome.HotPlug, CpuOutcome.NextRun, CpuOutcome.NotApplied, CpuOutcome.Refused],
            options.Options.Select(o => o.Outcome));
        Assert.Equal("The guest OS needs a restart to use more CPUs.", options.For(4)?.Reason);
        Assert.Equal((2034, "Failed to hot set", false), (options.For(5)?.EventCode, options.For(5)?.EventDescription, options.For(5)?.IsSelectable));
        var refused = options.For(9)!;
        Assert.Equal((9, 409, "Operation Failed", "[Cannot edit VM. Maximum number of sockets exceeded.]"),
            (refused.Vcpus, refused.Status, refused.FaultReason, refused.FaultDetail));
        Assert.Null(options.For(6));
    }

    [Fact]
    public async Task GetCpuOptionsAsync_StringValuesAndUnknownCounts_Read()
    {
        const string json = """{"vm":{"id":"a"},"next_run":"true","status":"down","topology":{"sockets":"1","cores":"2","threads":"1"},"configured_vcpus":"2","max_vcpus":"32","unplug_allowed":"false","cpu_option":{"sockets":"1","vcpus":"2","outcome":"unchanged"}}""";
        var client = new HotsetClient(new HttpClient(new StubHandler(json)), new Uri("http://engine/"));

        var options = await client.Vms.GetCpuOptionsAsync("a");

        Assert.Equal((true, null, null, 32), (options.NextRun, options.VcpuCount, options.GuestCpuCount, options.MaxVcpus));
        Assert.Equal(CpuOutcome.Unchanged, Assert.Single(options.Options).Outcome);
    }

    [Fact]
    public async Task GetVcpusAsync_ContractExample_ReadsEveryField()
    {
        var json = """
            { "vcpu": [
                { "index": 0, "socket": 0, "core": 0, "thread": 0, "plugged": true, "online": true, "host_thread_id": 4321, "numa_node": 1, "pinning": "0-1" },
                { "index": 1, "socket": 1, "core": 0, "thread": 0, "plugged": false } ] }
            """;
        var stub = new StubHandler(json);
        var client = new HotsetClient(new HttpClient(stub), new Uri("http://engine/"));

        var vcpus = await client.Vms.GetVcpusAsync("9d7c");

        Assert.Equal("GET /ovirt-engine/api/vms/9d7c/vcpus", Assert.Single(stub.Requests));
        Assert.Equal([new Vcpu(0, 0, 0, 0, true, true, 4321, "0-1", 1), new Vcpu(1, 1, 0, 0, false, null, null, null)], vcpus);
    }

    [Fact]
    public void HotSetOutcome_Parse_HeaderForms()
    {
        Assert.Equal(new HotSetOutcome("applied", 2, 4, null), HotSetOutcome.Parse("applied; previous=2; requested=4"));
        Assert.Equal(new HotSetOutcome("failed", 2, 4, "Hook Error; exit 1"),
            HotSetOutcome.Parse("failed; previous=2; requested=4; message=\"Hook Error; exit 1\""));
        Assert.Null(HotSetOutcome.Parse(null));
    }
}
