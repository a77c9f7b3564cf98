using System.Net.Http.Json;
using System.Text.Json;
using Hotset.Agent.Tests.Testing;
using Hotset.Core.Agent;

namespace Hotset.Agent.Tests.Verbs.RealQemu;

/// <summary>The agent around real QEMU and the test guest: restart, shutdown, refused calls; each test boots its own VM.</summary>
[Collection(RealQemuGroup.Name)]
public class RealQemuAgentTests : RealAgentTestBase
{
    [Fact]
    public async Task Post_MalformedOrUnauthenticated_IsRefusedAndTheVmStaysManageable()
    {
        var vm = await Agent.CreateAsync(cpus: 1, maxVCpus: 2);
        using var content = new StringContent("{\"jsonrpc\": \"2.0\", \"method\": [", System.Text.Encoding.UTF8, "application/json");
        using var malformed = await Agent.Rpc.Http.PostAsync(AgentMethods.Path, content);
        using var anonymous = Agent.Factory.CreateClient();
        using var refused = await anonymous.PostAsJsonAsync(AgentMethods.Path, new { jsonrpc = "2.0", id = 1, method = AgentMethods.Destroy, @params = new { vmID = vm } });

        Assert.Equal(AgentErrorCodes.ParseError, (await RpcReply.ReadAsync(malformed)).Error!.Code);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, refused.StatusCode);
        await SetAsync(vm, 2);
        await Agent.UntilCpusAsync(vm, 2);
    }

    [Fact]
    public async Task Restart_AgentRestarted_VmStillRunningAndManageable()
    {
        var vm = await Agent.CreateAsync(cpus: 1, maxVCpus: 4);
        await SetAsync(vm, 2);
        await Agent.UntilCpusAsync(vm, 2);
        var pid = Assert.Single(Agent.Pids);

        await Agent.RestartAsync();

        Assert.True(RealAgent.IsAlive(pid));
        var stats = await Agent.UntilCpusAsync(vm, 2);
        Assert.Equal("Up", stats.Status);
        await SetAsync(vm, 3);
        await Agent.UntilCpusAsync(vm, 3);
        await Agent.Rpc.ResultAsync(AgentMethods.Destroy, new { vmID = vm });
        Assert.False(RealAgent.IsAlive(pid));
        Assert.Equal(AgentErrorCodes.NoSuchVm, (await Agent.Rpc.ErrorAsync(AgentMethods.GetStats, new { vmID = vm })).Code);
    }

    [Fact]
    public async Task Shutdown_TestGuest_PowersOffAndIsReportedDown()
    {
        var vm = await Agent.CreateAsync(cpus: 1, maxVCpus: 2);

        await Agent.Rpc.ResultAsync(AgentMethods.Shutdown, new { vmID = vm, delay = 60 });

        var clock = System.Diagnostics.Stopwatch.StartNew();
        VmStats stats;
        while ((stats = await Agent.Rpc.StatsAsync(vm)).Status != "Down")
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), "The test guest did not power off within 60 s of the ACPI power button.");
            await Task.Delay(200);
        }

        Assert.StartsWith("The guest powered off.", stats.ExitMessage, StringComparison.Ordinal);
    }

    private Task<JsonElement> SetAsync(string vm, int numberOfCpus) =>
        Agent.Rpc.ResultAsync(AgentMethods.SetNumberOfCpus, new { vmID = vm, numberOfCpus });
}
