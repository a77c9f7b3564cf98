using System.Net;
using Hotset.Core.Agent;

namespace Hotset.Engine.Tests.Api.CpuViews;

/// <summary><c>GET /vms/{id}/vcpus</c> over the engine in process and a fake host.</summary>
public sealed class VcpusApiTests : IDisposable
{
    private readonly EngineApp _app = new(fakeHost: true);

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Vcpus_RunningVm_PluggedOnlineAndThreadsFromTheHostNow()
    {
        using var client = _app.Admin();
        var agent = await _app.AddUpHostAsync();
        var id = await CpuOptionsApiTests.StartedVmAsync(client, "table",
            "<cpu><topology sockets=\"2\" cores=\"2\" threads=\"1\"/><cpu_tune><vcpu_pins><vcpu_pin><vcpu>0</vcpu><cpu_set>0-3</cpu_set></vcpu_pin></vcpu_pins></cpu_tune></cpu>");
        var fake = agent.Vms[id];
        fake.GuestCpusOnline = [0, 1, 3];
        fake.VcpuThreadIds = [101, 102, 103, 104];

        using var json = await CpuOptionsApiTests.GetJsonAsync(client, $"{ApiClient.Api}/vms/{id}/vcpus");
        var vcpus = json.RootElement.GetProperty("vcpu").EnumerateArray().ToList();
        Assert.Equal((await _app.VmAsync(id)).StartedMaxVCpus, vcpus.Count);
        Assert.Equal(Enumerable.Range(0, vcpus.Count), vcpus.Select(v => v.GetProperty("index").GetInt32()));
        var first = vcpus[0];
        Assert.Equal((0, 0, 0, true, true, 101, "0-3"), (first.GetProperty("socket").GetInt32(), first.GetProperty("core").GetInt32(),
            first.GetProperty("thread").GetInt32(), first.GetProperty("plugged").GetBoolean(), first.GetProperty("online").GetBoolean(),
            first.GetProperty("host_thread_id").GetInt32(), first.GetProperty("pinning").GetString()));
        var third = vcpus[2];
        Assert.Equal((1, 0, false, 103), (third.GetProperty("socket").GetInt32(), third.GetProperty("core").GetInt32(),
            third.GetProperty("online").GetBoolean(), third.GetProperty("host_thread_id").GetInt32()));
        Assert.False(third.TryGetProperty("pinning", out _));
        Assert.Equal((1, 1), (vcpus[3].GetProperty("socket").GetInt32(), vcpus[3].GetProperty("core").GetInt32()));
        var fifth = vcpus[4];
        Assert.Equal((2, 0, false), (fifth.GetProperty("socket").GetInt32(), fifth.GetProperty("core").GetInt32(), fifth.GetProperty("plugged").GetBoolean()));
        Assert.False(fifth.TryGetProperty("online", out _));
        Assert.False(fifth.TryGetProperty("host_thread_id", out _));
        Assert.Contains("VM.getStats", agent.Calls);
    }

    [Fact]
    public async Task Vcpus_HostDoesNotAnswer_PluggedFromStoredCountWithoutOnline()
    {
        using var client = _app.Admin();
        var agent = await _app.AddUpHostAsync();
        var id = await CpuOptionsApiTests.StartedVmAsync(client, "silent", "<cpu><topology sockets=\"2\"/></cpu>");
        agent.AnswerError = new AgentException(AgentErrorCodes.GeneralError, "stats broke");

        var response = await client.GetAsync($"{ApiClient.Api}/vms/{id}/vcpus");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var vcpus = (await response.XmlOf()).Elements("vcpu").ToList();
        Assert.Equal(["true", "true", "false"], vcpus.Take(3).Select(v => v.Element("plugged")?.Value));
        Assert.All(vcpus, v => Assert.Null(v.Element("online")));
        Assert.All(vcpus, v => Assert.Null(v.Element("host_thread_id")));
    }

    [Fact]
    public async Task Vcpus_DownVm_SlotsOfTheNextStartNothingPlugged()
    {
        using var client = _app.Admin();
        var id = await client.AddVmAsync("cold", "<cpu><topology sockets=\"1\" cores=\"1\" threads=\"2\"/></cpu>");
        var response = await client.GetAsync($"{ApiClient.Api}/vms/{id}/vcpus");
        var body = await response.XmlOf();
        Assert.Equal("vcpus", body.Name.LocalName);
        var vcpus = body.Elements("vcpu").ToList();
        Assert.Equal(32, vcpus.Count);
        Assert.All(vcpus, v => Assert.Equal("false", v.Element("plugged")?.Value));
        Assert.Equal(("0", "0", "1"), (vcpus[1].Element("socket")?.Value, vcpus[1].Element("core")?.Value, vcpus[1].Element("thread")?.Value));
        Assert.Equal("1", vcpus[2].Element("socket")?.Value);
    }

    [Theory]
    [InlineData("application/xml")]
    [InlineData("application/json")]
    public async Task Vcpus_UnknownVm_404(string accept)
    {
        using var client = _app.Admin(accept);
        var id = Guid.NewGuid();
        var response = await client.GetAsync($"{ApiClient.Api}/vms/{id}/vcpus");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains($"Entity not found: VM {id}", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
