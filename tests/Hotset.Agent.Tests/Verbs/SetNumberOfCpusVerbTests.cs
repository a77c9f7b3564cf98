using System.Text.Json;
using Hotset.Agent.Tests.Testing;
using Hotset.Core.Agent;

namespace Hotset.Agent.Tests.Verbs;

public sealed class SetNumberOfCpusVerbTests : OneVmAgentTestBase
{
    [Fact]
    public async Task SetNumberOfCpus_OneToFour_AnswersEmptyObjectAndTheVmHasFour()
    {
        var result = await SetAsync(4);

        Assert.Equal("{}", result.GetRawText());
        var stats = await Agent.Rpc.StatsAsync("vm1");
        Assert.Equal(4, stats.VcpuCount);
        Assert.Equal(4, stats.GuestCpuCount);
        Assert.Equal(4, Agent.Factory.Vm("vm1").Definition.NumberOfCpus);
    }

    [Fact]
    public async Task SetNumberOfCpus_FourToTwo_Unplugs()
    {
        await SetAsync(4);

        await SetAsync(2);

        Assert.Equal([4, 2], Agent.Hypervisor.Domain("vm1").SetCalls);
        Assert.Equal(2, (await Agent.Rpc.StatsAsync("vm1")).VcpuCount);
    }

    [Fact]
    public async Task SetNumberOfCpus_UnknownVm_AnswersNoSuchVm()
    {
        var error = await Agent.Rpc.ErrorAsync(AgentMethods.SetNumberOfCpus, new { vmID = "ghost", numberOfCpus = 2 });

        Assert.Equal(AgentErrorCodes.NoSuchVm, error.Code);
        Assert.Contains("'ghost'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetNumberOfCpus_HypervisorFailsPartway_AnswersItsTextAndRecordsTheLiveCount()
    {
        var domain = Agent.Hypervisor.Domain("vm1");
        await SetAsync(4);
        const string text = "Unplugged 1 of 2 vCPUs: the guest did not eject vCPU 2 within 5 s; the VM has 3 vCPUs now.";
        domain.FailNextSet = text;
        domain.PartialVcpus = 3;

        var error = await Agent.Rpc.ErrorAsync(AgentMethods.SetNumberOfCpus, new { vmID = "vm1", numberOfCpus = 2 });

        Assert.Equal(AgentErrorCodes.SetNumberOfCpusFailed, error.Code);
        Assert.Equal(text, error.Message);
        Assert.Equal(3, Agent.Factory.Vm("vm1").Definition.NumberOfCpus);
        Assert.Equal(3, (await Agent.Rpc.StatsAsync("vm1")).VcpuCount);
    }

    [Fact]
    public async Task SetNumberOfCpus_VmIsDown_AnswersVmIsDown()
    {
        Agent.Hypervisor.Domain("vm1").Exit("QEMU was killed by signal 9.");
        await Eventually.TrueAsync(async () => (await Agent.Rpc.StatsAsync("vm1")).Status == "Down");

        var error = await Agent.Rpc.ErrorAsync(AgentMethods.SetNumberOfCpus, new { vmID = "vm1", numberOfCpus = 2 });

        Assert.Equal(AgentErrorCodes.VmIsDown, error.Code);
        Assert.Contains("QEMU was killed by signal 9.", error.Message, StringComparison.Ordinal);
    }

    private async Task<JsonElement> SetAsync(int numberOfCpus) =>
        await Agent.Rpc.ResultAsync(AgentMethods.SetNumberOfCpus, new { vmID = "vm1", numberOfCpus });

    private string AddCountingHook(string point)
    {
        var marker = Output.Combine(point + ".ran");
        Agent.AddHook(point, "10_mark", $"touch '{marker}'");
        return marker;
    }
}
