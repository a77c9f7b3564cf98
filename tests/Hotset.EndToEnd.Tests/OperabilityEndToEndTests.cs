using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Hotset.Client;

namespace Hotset.EndToEnd.Tests;

/// <summary>
/// Health and metrics of the whole product after a real hot plug (engine → agent → QEMU → the test guest): the
/// engine counts the applied hot set, the agent the verb's latency, and both report ready.
/// </summary>
[Collection(HotsetProductGroup.Name)]
public sealed class OperabilityEndToEndTests(HotsetProduct product)
{
    private const string Applied = "hotset_hot_sets_total{outcome=\"applied\"}";
    private const string AgentHotSets = "hotset_agent_verb_duration_seconds_count{verb=\"VM.setNumberOfCpus\",code=\"0\"}";

    private EngineApi Api => product.Api;

    [Fact]
    public async Task Metrics_AfterARealHotPlug_EngineCountsItAndAgentTimedTheVerb()
    {
        using var agent = new HttpClient { BaseAddress = new Uri(product.AgentUrl) };
        using var anonymous = product.AnonymousEngineClient();
        var engineBefore = Value(await anonymous.GetStringAsync("/metrics"), Applied);
        var agentBefore = Value(await agent.GetStringAsync("/metrics"), AgentHotSets, missingIsZero: true);
        var id = await Api.CreateVmAsync("e2e-metrics");
        await Api.StartAndWaitForGuestAsync(id, guestCpus: 1);

        var result = await Api.SetTopologyAsync(id, sockets: 2);

        Assert.Equal(HotSetOutcome.Applied, result.HotSet?.Result);
        var engine = await anonymous.GetStringAsync("/metrics");
        Assert.Equal(engineBefore + 1, Value(engine, Applied));
        Assert.True(Value(engine, "hotset_vms{status=\"up\"}") >= 1, engine);
        Assert.Equal(agentBefore + 1, Value(await agent.GetStringAsync("/metrics"), AgentHotSets));
    }

    [Fact]
    public async Task Ready_RealQemuAndDatabase_BothReadyWithoutCredentials()
    {
        using var agent = new HttpClient { BaseAddress = new Uri(product.AgentUrl) };
        using var anonymous = product.AnonymousEngineClient();

        using var agentReady = await agent.GetAsync("/health/ready");
        var engineReady = JsonNode.Parse(await anonymous.GetStringAsync("/health/ready"))!;

        var body = JsonNode.Parse(await agentReady.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.OK, agentReady.StatusCode);
        Assert.StartsWith("QEMU 10.", (string?)body["checks"]!["hypervisor"]!["description"], StringComparison.Ordinal);
        Assert.Equal("Healthy", (string?)engineReady["checks"]!["database"]!["status"]);
        Assert.Equal("up", (string?)engineReady["checks"]!["hosts"]!["data"]!["local"]);
    }

    private static double Value(string metrics, string series, bool missingIsZero = false)
    {
        var line = metrics.Split('\n').SingleOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal));
        if (line is null)
        {
            return missingIsZero ? 0 : throw new Xunit.Sdk.XunitException($"No sample {series} in:\n{metrics}");
        }

        return double.Parse(line[(series.Length + 1)..], CultureInfo.InvariantCulture);
    }
}
