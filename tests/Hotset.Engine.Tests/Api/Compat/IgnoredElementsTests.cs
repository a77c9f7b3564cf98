using System.Net;
using Hotset.Engine.Api;
using Hotset.Engine.Api.Model;

namespace Hotset.Engine.Tests.Api.Compat;

/// <summary>
/// Whole oVirt representations: elements of oVirt's model that Hotset does not manage are accepted, ignored and named
/// in <c>Hotset-Ignored</c>; names that are in no oVirt type are refused with 400 naming them.
/// </summary>
public sealed class IgnoredElementsTests : IDisposable
{
    private readonly EngineApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Put_ModelElementsHotsetDoesNotManage_200IgnoredAndNamed()
    {
        using var client = _app.Admin();
        var id = await client.AddVmAsync("vm1");
        var response = await client.PutAsync($"{ApiClient.Api}/vms/{id}", ApiClient.Xml(
            "<vm><description>d</description><memory_policy><guaranteed>1073741824</guaranteed><ballooning>true</ballooning></memory_policy>"
            + "<cpu><topology><sockets>2</sockets></topology><mode>host_passthrough</mode><cpu_tune><vcpu_pins/></cpu_tune></cpu>"
            + "<high_availability><enabled>false</enabled><priority>0</priority></high_availability>"
            + "<display><type>vnc</type></display></vm>"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("vm/memory_policy, vm/high_availability, vm/display",
            response.Headers.GetValues(IgnoredHeader.Name).Single());
        var stored = await _app.VmAsync(id);
        Assert.Equal(("d", 2), (stored.Configuration.Description, stored.Configuration.Topology.Sockets));
    }

    [Fact]
    public async Task Put_OnlyManagedElements_NoIgnoredHeader()
    {
        using var client = _app.Admin();
        var id = await client.AddVmAsync("vm1");
        var response = await client.PutAsync($"{ApiClient.Api}/vms/{id}", ApiClient.Xml("<vm><description>d</description></vm>"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains(IgnoredHeader.Name));
    }

    [Fact]
    public async Task Post_AnsibleStyleJsonBody_CreatedWithNestedIgnoredNamed()
    {
        using var client = _app.Admin("application/json");
        var response = await client.PostAsync(ApiClient.Api + "/vms", ApiClient.Json("""
            {"name":"vm1","cluster":{"name":"Default","data_center":{"id":"00000001-0001-0001-0001-000000000311"}},
             "template":{"id":"00000000-0000-0000-0000-000000000000"},
             "cpu_shares":0,"delete_protected":false,"stateless":false,
             "custom_properties":{"custom_property":[{"name":"x","value":"1"}]},
             "os":{"type":"other_linux","boot":{"devices":{"device":["hd"]}}},
             "time_zone":{"name":"Etc/GMT"},"snapshots":{"snapshot":[]}}
            """));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("vm/cluster/data_center, vm/cpu_shares, vm/delete_protected, vm/custom_properties, vm/time_zone, vm/snapshots",
            response.Headers.GetValues(IgnoredHeader.Name).Single());
    }

    [Theory]
    [InlineData("<vm><memory_polcy/></vm>", "vm/memory_polcy")]
    [InlineData("<vm><cpu><topolgy><sockets>2</sockets></topolgy></cpu></vm>", "vm/cpu/topolgy")]
    [InlineData("<vm><memory_policy><guaranted>1</guaranted></memory_policy></vm>", "vm/memory_policy/guaranted")]
    [InlineData("<vm><cpu><topology sockts=\"2\"/></cpu></vm>", "vm/cpu/topology/@sockts")]
    [InlineData("<vm><custom_properties><custom_proprety/></custom_properties></vm>", "vm/custom_properties/custom_proprety")]
    public async Task Put_NameInNoOvirtType_400NamingItAndNothingStored(string body, string path)
    {
        using var client = _app.Admin();
        var id = await client.AddVmAsync("vm1");
        var response = await client.PutAsync($"{ApiClient.Api}/vms/{id}", ApiClient.Xml(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"elements Hotset does not know: {path}.", await response.FaultDetailAsync(), StringComparison.Ordinal);
        Assert.Equal(1, (await _app.VmAsync(id)).Configuration.Topology.Sockets);
    }

    [Fact]
    public async Task Put_TypoAndIgnoredTogether_400OnlyTheTypoNamed()
    {
        using var client = _app.Admin();
        var id = await client.AddVmAsync("vm1");
        var response = await client.PutAsync($"{ApiClient.Api}/vms/{id}",
            ApiClient.Xml("<vm><display><type>vnc</type></display><descripton>x</descripton></vm>"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var detail = await response.FaultDetailAsync();
        Assert.Contains("vm/descripton", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("vm/display", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Action_StartBodyWithSdkParameters_Accepted()
    {
        using var client = _app.Admin();
        var id = await client.AddVmAsync("vm1");
        var response = await client.PostAsync($"{ApiClient.Api}/vms/{id}/stop",
            ApiClient.Xml("<action><async>false</async><filter>true</filter><force>true</force></action>"));
        Assert.NotEqual(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("action/filter", response.Headers.GetValues(IgnoredHeader.Name).Single());
    }

    [Fact]
    public void Model_KnowsTheVmElementsOvirtClientsSend()
    {
        var model = OvirtModel.Default;
        foreach (var name in new[] { "memory_policy", "cpu", "high_availability", "numa_tune_mode", "name", "id", "cluster" })
        {
            Assert.NotNull(model.Element("Vm", name));
        }

        Assert.Equal(("CpuTopology", false), (model.Element("Cpu", "topology")!.Type, model.Element("Cpu", "topology")!.IsList));
        Assert.True(model.Element("Vm", "nics")!.IsList);
        Assert.Null(model.Element("Vm", "memory_polcy"));
        Assert.Equal("DataCenter", model.Element("Cluster", "data_center")?.Type);
    }
}
