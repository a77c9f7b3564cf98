using System.Net;
using Hotset.Core.Vms;

namespace Hotset.Engine.Tests.Api;

/// <summary><c>POST /vms/{id}/migrate</c> and <c>/cancelmigration</c> through the engine's real commands and fake hosts.</summary>
public sealed class VmMigrationApiTests : IDisposable
{
    private readonly EngineApp _app = new(fakeHost: true);

    public void Dispose() => _app.Dispose();

    private async Task<(HttpClient Client, string VmId)> RunningVmAsync()
    {
        var client = _app.Admin();
        await _app.AddUpHostAsync();
        var id = await client.AddVmAsync("mig");
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"{ApiClient.Api}/vms/{id}/start", ApiClient.Xml("<action/>"))).StatusCode);
        return (client, id);
    }

    [Fact]
    public async Task Migrate_XmlHostName_CompleteAndTheVmEndsUpThere()
    {
        var (client, id) = await RunningVmAsync();
        var host2 = await _app.AddUpHostAsync("host2");

        var response = await client.PostAsync($"{ApiClient.Api}/vms/{id}/migrate",
            ApiClient.Xml("<action><host><name>host2</name></host></action>"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("complete", (await response.XmlOf()).Element("status")?.Value);
        for (var i = 0; i < 500 && (await _app.VmAsync(id)).RunOnHostId != host2.HostId; i++)
        {
            _app.Clock.Advance(TimeSpan.FromMilliseconds(100));
            await Task.Delay(10);
        }

        var vm = await _app.VmAsync(id);
        Assert.Equal((VmStatus.Up, host2.HostId), (vm.Status, vm.RunOnHostId));
        Assert.Contains(await _app.EventsAsync(), e => e.Code == 63);
    }

    [Fact]
    public async Task Migrate_JsonHostIdOfItsOwnHost_409FaultAndNothingStarts()
    {
        var (client, id) = await RunningVmAsync();
        var source = (await _app.VmAsync(id)).RunOnHostId;

        var response = await client.PostAsync($"{ApiClient.Api}/vms/{id}/migrate",
            ApiClient.Json("{\"host\":{\"id\":\"" + source + "\"}}"));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.StartsWith("[Cannot migrate VM. Source and destination Hosts are the same.", await response.FaultDetailAsync(),
            StringComparison.Ordinal);
        Assert.Equal(VmStatus.Up, (await _app.VmAsync(id)).Status);
    }

    [Fact]
    public async Task Migrate_HostIdNotAnId_400()
    {
        var (client, id) = await RunningVmAsync();
        var response = await client.PostAsync($"{ApiClient.Api}/vms/{id}/migrate", ApiClient.Xml("<action><host id=\"x\"/></action>"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task CancelMigration_NotMigrating_409()
    {
        var (client, id) = await RunningVmAsync();
        var response = await client.PostAsync($"{ApiClient.Api}/vms/{id}/cancelmigration", ApiClient.Xml("<action/>"));
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.StartsWith("[Cannot cancel migration for non migrating VM.", await response.FaultDetailAsync(), StringComparison.Ordinal);
    }
}
