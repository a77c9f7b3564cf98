using System.Net;
using Hotset.Core.Vms;
using Hotset.Engine.Audit;

namespace Hotset.Engine.Tests.Api;

/// <summary>A new name in the next-run configuration, on the real store (SQLite): refused when taken, never losing Down.</summary>
public sealed class VmNextRunNameTests : IDisposable
{
    private readonly EngineApp _app = new(fakeHost: true);

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Put_NextRunNameOfAnotherVm_409NameInUse()
    {
        using var client = _app.Admin();
        var id = await StartedVmAsync(client, "nr1");
        await client.AddVmAsync("taken");

        var response = await client.PutAsync($"{ApiClient.Api}/vms/{id}?next_run=true", ApiClient.Xml("<vm><name>taken</name></vm>"));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("'taken' is already used by another VM", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null((await _app.VmAsync(id)).NextRun);
    }

    [Fact]
    public async Task Stop_PendingNameTakenMeanwhile_DownWithOldNameAndEvent()
    {
        using var client = _app.Admin();
        var id = await StartedVmAsync(client, "nr2");
        var put = await client.PutAsync($"{ApiClient.Api}/vms/{id}?next_run=true",
            ApiClient.Xml("<vm><name>renamed</name><description>next</description></vm>"));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        await client.AddVmAsync("renamed");

        var stop = await client.PostAsync($"{ApiClient.Api}/vms/{id}/stop", ApiClient.Xml("<action/>"));

        Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
        var stored = await _app.VmAsync(id);
        Assert.Equal(VmStatus.Down, stored.Status);
        Assert.Equal("nr2", stored.Name);
        Assert.Equal("next", stored.Configuration.Description);
        Assert.Null(stored.NextRun);
        var warning = Assert.Single(await _app.EventsAsync(), e => e.Code == AuditEventCodes.NextRunNameTaken);
        Assert.Equal(AuditSeverity.Warning, warning.Severity);
        Assert.Equal("VM nr2 could not take the name renamed of its next-run configuration: another VM has that name " +
            "now. The VM keeps its name; the rest of the configuration was applied.", warning.Message);
    }

    private async Task<string> StartedVmAsync(HttpClient client, string name)
    {
        await _app.AddUpHostAsync();
        var id = await client.AddVmAsync(name);
        var started = await client.PostAsync($"{ApiClient.Api}/vms/{id}/start", ApiClient.Xml("<action/>"));
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        return id;
    }
}
