using System.Text.Json;
using Hotset.Agent.Hooks;
using Hotset.Core.Agent;

namespace Hotset.Agent.Tests.Verbs.RealQemu;

/// <summary>
/// <c>VM.setNumberOfCpus</c> as every hypervisor driver must answer it: plug and unplug until the hypervisor and the
/// guest agree, toggles, out of range, hooks. Run against real QEMU and the test guest (<see cref="RealQemuHotSetTests"/>),
/// libvirt (<see cref="LibvirtHotSetTests"/>) and the simulated hypervisor (<c>SimulatedHotSetTests</c>); each test
/// starts its own VM.
/// </summary>
public abstract class HotSetVerbTests : RealAgentTestBase
{
    [Fact]
    public async Task SetNumberOfCpus_OneToFourThenTwo_HypervisorAndTheGuestAgree()
    {
        var vm = await Agent.CreateAsync(cpus: 1, maxVCpus: 4);

        await SetAsync(vm, 4);
        var four = await Agent.UntilCpusAsync(vm, 4);
        await SetAsync(vm, 2);
        var two = await Agent.UntilCpusAsync(vm, 2);

        Assert.Equal(("Up", 4, 4, 4), (four.Status, four.VcpuThreadIds.Count, four.GuestCpusOnline.Count, four.VcpuThreadIds.Distinct().Count()));
        Assert.Equal([0, 1], two.GuestCpusOnline);
        Assert.Equal(2, two.VcpuThreadIds.Count);
    }

    [Fact]
    public async Task SetNumberOfCpus_TogglePlugAndUnplug_EveryStepEndsAtTheCountAskedFor()
    {
        var vm = await Agent.CreateAsync(cpus: 1, maxVCpus: 4);

        foreach (var count in new[] { 3, 1, 4, 2, 3 })
        {
            await SetAsync(vm, count);
            var stats = await Agent.UntilCpusAsync(vm, count);
            Assert.Equal(Enumerable.Range(0, count), stats.GuestCpusOnline);
        }
    }

    [Fact]
    public async Task SetNumberOfCpus_OutsideOneToMax_AnswersSetNumberOfCpusFailedAndNothingChanges()
    {
        var vm = await Agent.CreateAsync(cpus: 2, maxVCpus: 4);

        var above = await Agent.Rpc.ErrorAsync(AgentMethods.SetNumberOfCpus, new { vmID = vm, numberOfCpus = 5 });
        var zero = await Agent.Rpc.ErrorAsync(AgentMethods.SetNumberOfCpus, new { vmID = vm, numberOfCpus = 0 });

        Assert.Equal((AgentErrorCodes.SetNumberOfCpusFailed, AgentErrorCodes.SetNumberOfCpusFailed), (above.Code, zero.Code));
        Assert.Contains("can have 1 to 4 vCPUs", above.Message, StringComparison.Ordinal);
        var stats = await Agent.Rpc.StatsAsync(vm);
        Assert.Equal((2, 2), (stats.VcpuCount, stats.GuestCpuCount));
    }

    [Fact]
    public async Task SetNumberOfCpus_Hooks_FailingBeforeHookChangesNothingAndAfterHookSeesTheCounts()
    {
        var vm = await Agent.CreateAsync(cpus: 1, maxVCpus: 4);
        var failing = Agent.AddHook(HookPoint.BeforeSetNumOfCpus, "50_check", "echo 'not today' >&2; exit 1");

        var error = await Agent.Rpc.ErrorAsync(AgentMethods.SetNumberOfCpus, new { vmID = vm, numberOfCpus = 3 });

        Assert.Equal(AgentErrorCodes.HookError, error.Code);
        Assert.Equal("Hook Error: before_set_num_of_cpus/50_check exited with 1: not today", error.Message);
        Assert.Equal(1, (await Agent.Rpc.StatsAsync(vm)).VcpuCount);

        File.Delete(failing);
        var env = Agent.Hooks.Combine("after.env");
        var domxml = Agent.Hooks.Combine("after.json");
        Agent.AddHook(HookPoint.AfterSetNumOfCpus, "10_env", $"""
            echo "$vmId $currentNumberOfCpus $newNumberOfCpus" > '{env}'
            cp "$_hook_domxml" '{domxml}'
            """);
        await SetAsync(vm, 3);

        Assert.Equal($"{vm} 1 3", File.ReadAllText(env).Trim());
        Assert.Equal(3, JsonSerializer.Deserialize<VmDefinition>(File.ReadAllText(domxml))!.NumberOfCpus);
        await Agent.UntilCpusAsync(vm, 3);
    }

    private protected Task<JsonElement> SetAsync(string vm, int numberOfCpus) =>
        Agent.Rpc.ResultAsync(AgentMethods.SetNumberOfCpus, new { vmID = vm, numberOfCpus });
}
