using System.Text.Json;
using Hotset.Agent.Hooks;
using Hotset.Core.Agent;

namespace Hotset.Agent.Tests.Verbs;

public sealed class SetNumberOfCpusHookTests : OneVmAgentTestBase
{
    [Theory]
    [InlineData(0)]
    [InlineData(9)]
    public async Task SetNumberOfCpus_OutsideOneToMax_AnswersSetNumberOfCpusFailedBeforeAnyHook(int requested)
    {
        var hook = AddCountingHook(HookPoint.BeforeSetNumOfCpus);

        var error = await Agent.Rpc.ErrorAsync(AgentMethods.SetNumberOfCpus, new { vmID = "vm1", numberOfCpus = requested });

        Assert.Equal(AgentErrorCodes.SetNumberOfCpusFailed, error.Code);
        Assert.Equal(
            $"Failed to set the number of cpus: VM 'name-vm1' can have 1 to 8 vCPUs (its maximum since it started); {requested} were requested.",
            error.Message);
        Assert.Empty(Agent.Hypervisor.Domain("vm1").SetCalls);
        Assert.False(File.Exists(hook));
    }

    [Fact]
    public async Task SetNumberOfCpus_BeforeHookFails_AnswersHookErrorAndChangesNothing()
    {
        Agent.AddHook(HookPoint.BeforeSetNumOfCpus, "50_check", "echo 'guest agent not ready' >&2; exit 1");
        var after = AddCountingHook(HookPoint.AfterSetNumOfCpus);

        var error = await Agent.Rpc.ErrorAsync(AgentMethods.SetNumberOfCpus, new { vmID = "vm1", numberOfCpus = 4 });

        Assert.Equal(AgentErrorCodes.HookError, error.Code);
        Assert.Equal("Hook Error: before_set_num_of_cpus/50_check exited with 1: guest agent not ready", error.Message);
        Assert.Empty(Agent.Hypervisor.Domain("vm1").SetCalls);
        Assert.Equal(1, (await Agent.Rpc.StatsAsync("vm1")).VcpuCount);
        Assert.False(File.Exists(after));
    }

    [Fact]
    public async Task SetNumberOfCpus_AfterHookFails_StillSucceeds()
    {
        Agent.AddHook(HookPoint.AfterSetNumOfCpus, "10_fail", "exit 3");

        await SetAsync(3);

        Assert.Equal(3, (await Agent.Rpc.StatsAsync("vm1")).VcpuCount);
    }

    [Fact]
    public async Task SetNumberOfCpus_Hooks_SeeOldAndNewCountsAndTheDefinitionFile()
    {
        foreach (var point in new[] { HookPoint.BeforeSetNumOfCpus, HookPoint.AfterSetNumOfCpus })
        {
            Agent.AddHook(point, "10_env", $"""
                echo "$vmId $vmName $currentNumberOfCpus $newNumberOfCpus" > '{Output.Combine(point + ".env")}'
                cp "$_hook_domxml" '{Output.Combine(point + ".json")}'
                """);
        }

        await SetAsync(3);

        Assert.Equal("vm1 name-vm1 1 3", File.ReadAllText(Output.Combine(HookPoint.BeforeSetNumOfCpus + ".env")).Trim());
        Assert.Equal("vm1 name-vm1 1 3", File.ReadAllText(Output.Combine(HookPoint.AfterSetNumOfCpus + ".env")).Trim());
        Assert.Equal(1, ReadDefinition(HookPoint.BeforeSetNumOfCpus).NumberOfCpus);
        Assert.Equal(3, ReadDefinition(HookPoint.AfterSetNumOfCpus).NumberOfCpus);
    }

    private async Task<JsonElement> SetAsync(int numberOfCpus) =>
        await Agent.Rpc.ResultAsync(AgentMethods.SetNumberOfCpus, new { vmID = "vm1", numberOfCpus });

    private string AddCountingHook(string point)
    {
        var marker = Output.Combine(point + ".ran");
        Agent.AddHook(point, "10_mark", $"touch '{marker}'");
        return marker;
    }

    private VmDefinition ReadDefinition(string point) =>
        JsonSerializer.Deserialize<VmDefinition>(File.ReadAllText(Output.Combine(point + ".json")))!;
}
