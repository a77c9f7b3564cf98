using System.Net;

namespace Hotset.Client.Tests;

/// <summary>How the client reads VMs off the wire, in the shapes oVirt's JSON takes, without an engine.</summary>
public sealed class VmContractTests
{
    private const string TwoVms = """
        {"vm":[
          {"id":"a1","name":"web","status":"up","memory":"1073741824","guest_cpu_count":"3","vcpu_count":4,
           "next_run_configuration_exists":"true","creation_time":"2026-12-03T10:00:00.000Z",
           "cpu":{"topology":{"sockets":"4","cores":"1","threads":"1"},
                  "cpu_tune":{"vcpu_pins":{"vcpu_pin":{"vcpu":"0","cpu_set":"0-1"}}}},
           "os":{"type":"other_linux","kernel":"/k","cmdline":"console=ttyS0"},
           "host":{"href":"/ovirt-engine/api/hosts/h1","id":"h1"},
           "link":[{"href":"/ovirt-engine/api/vms/a1/nics","rel":"nics"}],
           "max_vcpus":"16"},
          {"id":"b2","name":"db","status":"down",
           "cpu":{"cpu_tune":{"vcpu_pins":{"vcpu_pin":[{"vcpu":0,"cpu_set":"2"},{"vcpu":1,"cpu_set":"3"},"junk"]}}}}
        ]}
        """;

    [Fact]
    public async Task List_ReadsStringsNumbersSingleObjectsAndArrays()
    {
        var client = new HotsetClient(new HttpClient(new StubHandler(TwoVms)), new Uri("http://engine/"));

        var vms = await client.Vms.ListAsync();

        var web = vms[0];
        Assert.Equal(("a1", "web", "up"), (web.Id, web.Name, web.Status));
        Assert.Equal(new CpuTopology(4, 1, 1), web.Topology);
        Assert.Equal((3, 4, 16), (web.GuestCpuCount, web.VcpuCount, web.MaxVcpus));
        Assert.Equal(1L << 30, web.Memory);
        Assert.True(web.NextRunConfigurationExists);
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.Zero), web.CreationTime);
        Assert.Equal([new VcpuPin(0, "0-1")], web.VcpuPins);
        Assert.Equal(("other_linux", "/k", null, "console=ttyS0"), (web.OsType, web.Kernel, web.Initrd, web.KernelCmdline));
        Assert.Equal("h1", web.HostId);
        Assert.Null(web.ClusterId);

        var db = vms[1];
        Assert.Equal(new CpuTopology(1, 1, 1), db.Topology);
        Assert.Equal([new VcpuPin(0, "2"), new VcpuPin(1, "3")], db.VcpuPins);
        Assert.Equal((null, null, null), (db.GuestCpuCount, db.VcpuCount, db.HostId));
        Assert.Equal(("", 0L, "none", false), (db.Description, db.Memory, db.CpuPinningPolicy, db.NextRunConfigurationExists));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \r\n")]
    [InlineData("{}")]
    public async Task List_EmptyBodyOrNoVms_IsAnEmptyList(string body)
    {
        var client = new HotsetClient(new HttpClient(new StubHandler(body)), new Uri("http://engine/"));

        Assert.Empty(await client.Vms.ListAsync());
    }

    [Fact]
    public async Task Get_BodyNotJson_Throws()
    {
        var client = new HotsetClient(new HttpClient(new StubHandler("<vm/>", HttpStatusCode.OK)), new Uri("http://engine/"));

        await Assert.ThrowsAnyAsync<System.Text.Json.JsonException>(() => client.Vms.GetAsync("a1"));
    }
}
