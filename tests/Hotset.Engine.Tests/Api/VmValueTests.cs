using System.Net;
using System.Xml.Linq;
using Hotset.Engine.Clusters;
using Microsoft.Extensions.DependencyInjection;

namespace Hotset.Engine.Tests.Api;

/// <summary>Values a VM body may not carry: unknown OS types, another cluster, stray bytes in numbers.</summary>
public sealed class VmValueTests : IDisposable
{
    private readonly EngineApp _app = new(fakeHost: true);

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Post_UnknownOsType_400NamingValueAndTypesList()
    {
        using var client = _app.Admin();

        var response = await client.PostAsync($"{ApiClient.Api}/vms",
            ApiClient.Xml("<vm><name>os1</name><os><type>2;DROP TABLE vms</type></os></vm>"));

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Cannot set OS type '2;DROP TABLE vms': it is not a known operating system.", body, StringComparison.Ordinal);
        Assert.Contains("GET /ovirt-engine/api/operatingsystems", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_UnknownOsType_400AndNothingStored()
    {
        using var client = _app.Admin();
        var id = await client.AddVmAsync("os2", "<os><type>rhel_9x64</type></os>");

        var response = await client.PutAsync($"{ApiClient.Api}/vms/{id}", ApiClient.Xml("<vm><os><type>no_such_os</type></os></vm>"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'no_such_os'", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("rhel_9x64", (await _app.VmAsync(id)).Configuration.OsType);
    }

    [Fact]
    public async Task GetOperatingSystems_ListsKnownTypes()
    {
        using var client = _app.Admin("application/xml");

        var body = XElement.Parse(await client.GetStringAsync($"{ApiClient.Api}/operatingsystems"));

        var names = body.Elements("operating_system").Select(os => os.Element("name")!.Value).ToList();
        Assert.Contains("other_linux", names);
        Assert.Contains("rhel_9x64", names);
    }

    [Fact]
    public async Task Put_OtherCluster_409AndNothingStored()
    {
        using var client = _app.Admin();
        var id = await client.AddVmAsync("cl1");
        await _app.Services.GetRequiredService<IClusterStore>().AddAsync(
            new Cluster { Id = Guid.NewGuid(), Name = "Other" }, CancellationToken.None);

        var response = await client.PutAsync($"{ApiClient.Api}/vms/{id}",
            ApiClient.Xml("<vm><description>moved</description><cluster><name>Other</name></cluster></vm>"));

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("VM cl1 is in cluster Default; moving it to cluster Other is not supported.", body, StringComparison.Ordinal);
        var stored = await _app.VmAsync(id);
        Assert.Equal(Cluster.DefaultId, stored.ClusterId);
        Assert.Equal("", stored.Configuration.Description);
    }

    [Fact]
    public async Task Put_OwnCluster_Accepted()
    {
        using var client = _app.Admin();
        var id = await client.AddVmAsync("cl2");

        var response = await client.PutAsync($"{ApiClient.Api}/vms/{id}",
            ApiClient.Xml("<vm><description>same</description><cluster><name>Default</name></cluster></vm>"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("same", (await _app.VmAsync(id)).Configuration.Description);
    }

    [Fact]
    public async Task PutNextRun_EmptyKernel_NoNextRunConfiguration()
    {
        using var client = _app.Admin();
        var id = await client.AddVmAsync("k1");
        await _app.SetRunningAsync(id);

        var response = await client.PutAsync($"{ApiClient.Api}/vms/{id}?next_run=true", ApiClient.Json("""{"os":{"kernel":""}}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = await _app.VmAsync(id);
        Assert.Null(stored.NextRun);
        Assert.Null(stored.Configuration.Kernel);
        Assert.Equal("false", (await response.XmlOf()).Element("next_run_configuration_exists")?.Value);
    }

    [Fact]
    public async Task PutNextRun_EmptyKernelAfterPendingKernel_ClearsNextRun()
    {
        using var client = _app.Admin();
        var id = await client.AddVmAsync("k2");
        await _app.SetRunningAsync(id);
        var url = $"{ApiClient.Api}/vms/{id}?next_run=true";
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsync(url, ApiClient.Json("""{"os":{"kernel":"/boot/vmlinuz"}}"""))).StatusCode);
        Assert.Equal("/boot/vmlinuz", (await _app.VmAsync(id)).NextRun?.Kernel);

        var response = await client.PutAsync(url, ApiClient.Json("""{"os":{"kernel":""}}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null((await _app.VmAsync(id)).NextRun);
    }

    [Fact]
    public async Task Put_JsonSocketsWithTrailingNul_400()
    {
        using var client = _app.Admin();
        var id = await client.AddVmAsync("nul1");

        var response = await client.PutAsync($"{ApiClient.Api}/vms/{id}",
            ApiClient.Json("""{"cpu":{"topology":{"sockets":"2\u0000"}}}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(1, (await _app.VmAsync(id)).Configuration.Topology.Sockets);
    }
}
