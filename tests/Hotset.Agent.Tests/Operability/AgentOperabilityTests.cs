using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hotset.Agent.Tests.Fakes;
using Hotset.Agent.Tests.Testing;
using Hotset.Core.Agent;

namespace Hotset.Agent.Tests.Operability;

/// <summary>
/// The agent's health, metrics and access log: reachable without the host secret, while every verb still needs it.
/// QEMU is a stand-in script (a version line) or a missing path, so the hypervisor check's answer is the test's choice.
/// </summary>
public sealed class AgentOperabilityTests : IAsyncDisposable
{
    private readonly TempDirectory _state = new();
    private readonly TempDirectory _hooks = new();
    private readonly TempDirectory _bin = new();
    private AgentFactory? _agent;

    public async ValueTask DisposeAsync()
    {
        if (_agent is not null)
        {
            await _agent.DisposeAsync();
        }

        _state.Dispose();
        _hooks.Dispose();
        _bin.Dispose();
    }

    [Fact]
    public async Task Health_NoSecret_LiveAndReady200()
    {
        using var client = Start(FakeQemu("QEMU emulator version 10.0.2 (Debian 1:10.0.2+ds-1~bpo12+1)")).CreateClient();

        var live = await GetAsync(client, "/health/live");
        var ready = await GetAsync(client, "/health/ready");

        Assert.Equal((HttpStatusCode.OK, "Healthy"), (live.Status, (string?)live.Body["status"]));
        Assert.Equal((HttpStatusCode.OK, "Healthy"), (ready.Status, (string?)ready.Body["status"]));
        Assert.Equal("QEMU 10.0.2 runs.", (string?)ready.Body["checks"]!["hypervisor"]!["description"]);
        Assert.Equal("Healthy", (string?)ready.Body["checks"]!["state_directory"]!["status"]);
    }

    [Fact]
    public async Task Ready_QemuMissing_503HypervisorUnhealthy()
    {
        using var client = Start(_bin.Combine("no-such-qemu")).CreateClient();

        var ready = await GetAsync(client, "/health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.Status);
        Assert.Equal("Unhealthy", (string?)ready.Body["checks"]!["hypervisor"]!["status"]);
        Assert.StartsWith("Cannot run QEMU", (string?)ready.Body["checks"]!["hypervisor"]!["description"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ready_StateDirectoryGone_503StateDirectoryUnhealthy()
    {
        using var client = Start(FakeQemu("QEMU emulator version 10.0.2")).CreateClient();
        Directory.Delete(_state.Path, recursive: true);

        var ready = await GetAsync(client, "/health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.Status);
        Assert.Equal("Unhealthy", (string?)ready.Body["checks"]!["state_directory"]!["status"]);
        Assert.DoesNotContain(_state.Path, ready.Body.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_NoSecret_200WithVerbLatencyWhileVerbsStillNeedTheSecret()
    {
        var agent = Start(FakeQemu("QEMU emulator version 10.0.2"));
        Assert.Null((await agent.Rpc().CallAsync(AgentMethods.GetCapabilities)).Error);
        using var anonymous = agent.CreateClient();

        using var metrics = await anonymous.GetAsync("/metrics");
        using var verb = await anonymous.PostAsJsonAsync(AgentMethods.Path, new { jsonrpc = "2.0", id = 1, method = AgentMethods.GetCapabilities });

        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        var text = await metrics.Content.ReadAsStringAsync();
        Assert.Contains("hotset_agent_verb_duration_seconds_count{verb=\"Host.getCapabilities\",code=\"0\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE hotset_agent_qmp_errors_total counter", text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, verb.StatusCode);
    }

    [Fact]
    public async Task AccessLog_VerbWithSecretAndCallWithout_OneLineEachWithCallerAndNoSecret()
    {
        var agent = Start(FakeQemu("QEMU emulator version 10.0.2"));
        using var engine = agent.CreateAuthenticatedClient(AgentFactory.Secret);
        engine.DefaultRequestHeaders.Add(AgentWire.CorrelationHeader, "corr-agent-7");
        using var stranger = agent.CreateAuthenticatedClient("not-the-secret-42");

        using var served = await engine.PostAsJsonAsync(AgentMethods.Path, new { jsonrpc = "2.0", id = 1, method = AgentMethods.GetCapabilities });
        using var refused = await stranger.PostAsJsonAsync(AgentMethods.Path, new { jsonrpc = "2.0", id = 2, method = AgentMethods.GetCapabilities });

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Unauthorized), (served.StatusCode, refused.StatusCode));
        var lines = agent.Logs.Entries.Where(e => e.Category == "Hotset.Agent.AccessLog").Select(e => e.Message).ToList();
        Assert.Equal(2, lines.Count);
        Assert.Contains(lines, l => l.StartsWith("POST /jsonrpc 200 ", StringComparison.Ordinal) && l.EndsWith("user=engine correlation=corr-agent-7", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("POST /jsonrpc 401 ", StringComparison.Ordinal) && l.EndsWith("user=- correlation=-", StringComparison.Ordinal));
        Assert.DoesNotContain(agent.Logs.Entries, e => e.Message.Contains(AgentFactory.Secret, StringComparison.Ordinal)
            || e.Message.Contains("not-the-secret-42", StringComparison.Ordinal));
    }

    private AgentFactory Start(string qemuBinary)
    {
        _agent = new AgentFactory(_state.Path, _hooks.Path, new FakeHypervisor(),
            settings: new Dictionary<string, string?> { ["Qemu:Binary"] = qemuBinary });
        return _agent;
    }

    /// <summary>A script that answers <c>--version</c> as QEMU would.</summary>
    private string FakeQemu(string versionLine)
    {
        var path = _bin.Combine("qemu-system-x86_64");
        File.WriteAllText(path, $"#!/bin/sh\necho '{versionLine}'\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    private static async Task<(HttpStatusCode Status, JsonObject Body)> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }
}
