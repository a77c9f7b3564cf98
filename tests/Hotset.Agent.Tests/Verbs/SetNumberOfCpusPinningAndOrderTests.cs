using Hotset.Agent.Tests.Testing;
using Hotset.Core.Agent;

namespace Hotset.Agent.Tests.Verbs;

public sealed class SetNumberOfCpusPinningAndOrderTests : IAsyncLifetime
{
    private readonly AgentUnderTest _agent = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _agent.DisposeAsync().AsTask();

    [Fact]
    public async Task SetNumberOfCpus_PinnedVcpus_ArePinnedAgainIncludingNewlyPluggedOnes()
    {
        var pinning = new Dictionary<string, string> { ["0"] = "0", ["2"] = "0-1,^1" };
        await _agent.Rpc.CreateAsync(AgentUnderTest.Definition("vm1", cpus: 1, pinning: pinning));
        var domain = _agent.Hypervisor.Domain("vm1");
        var pid = domain.ProcessId;
        Assert.Equal([(pid + 1, "0")], Pins());
        _agent.Factory.Affinity.Pins.Clear();

        await _agent.Rpc.ResultAsync(AgentMethods.SetNumberOfCpus, new { vmID = "vm1", numberOfCpus = 3 });

        // vCPU 1 has no pin of its own: it goes to the shared pool, all online host CPUs here.
        var pool = Hotset.Core.Vms.CpuSet.Format(Hotset.Agent.Verbs.HostCpuTopology.Read().OnlineCpus);
        Assert.Equal([(pid + 1, "0"), (pid + 2, pool), (pid + 3, "0")], Pins());
    }

    [Fact]
    public async Task SetNumberOfCpus_PinningFailsAfterTheChange_AnswersSetNumberOfCpusFailedNamingTheNewCount()
    {
        await _agent.Rpc.CreateAsync(AgentUnderTest.Definition("vm1", cpus: 1, pinning: new Dictionary<string, string> { ["1"] = "0" }));
        _agent.Factory.Affinity.Fail = "Cannot pin thread 7 to host CPUs 0: No such process.";

        var error = await _agent.Rpc.ErrorAsync(AgentMethods.SetNumberOfCpus, new { vmID = "vm1", numberOfCpus = 2 });

        Assert.Equal(AgentErrorCodes.SetNumberOfCpusFailed, error.Code);
        Assert.Equal(
            "Failed to set the number of cpus: VM 'name-vm1' has 2 vCPUs now, but pinning them again failed: Cannot pin thread 7 to host CPUs 0: No such process.",
            error.Message);
        Assert.Equal(2, _agent.Factory.Vm("vm1").Definition.NumberOfCpus);
    }

    [Fact]
    public async Task SetNumberOfCpus_SecondCallWhileOneRuns_WaitsForTheFirstThenRuns()
    {
        await _agent.Rpc.CreateAsync(AgentUnderTest.Definition("vm1", cpus: 1));
        var domain = _agent.Hypervisor.Domain("vm1");
        domain.SetGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var first = _agent.Rpc.CallAsync(AgentMethods.SetNumberOfCpus, new { vmID = "vm1", numberOfCpus = 4 });
        await Eventually.TrueAsync(() => Task.FromResult(domain.SetCalls.Count == 1));
        var second = _agent.Rpc.CallAsync(AgentMethods.SetNumberOfCpus, new { vmID = "vm1", numberOfCpus = 2 });
        await Task.Delay(200);

        Assert.Equal([4], domain.SetCalls);
        Assert.False(second.IsCompleted);
        domain.SetGate.SetResult();
        Assert.Null((await first).Error);
        Assert.Null((await second).Error);
        Assert.Equal([4, 2], domain.SetCalls);
        Assert.Equal(2, (await _agent.Rpc.StatsAsync("vm1")).VcpuCount);
    }

    [Fact]
    public async Task GetStats_WhileAHotSetRuns_AnswersAtOnce()
    {
        await _agent.Rpc.CreateAsync(AgentUnderTest.Definition("vm1", cpus: 1));
        var domain = _agent.Hypervisor.Domain("vm1");
        domain.SetGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var set = _agent.Rpc.CallAsync(AgentMethods.SetNumberOfCpus, new { vmID = "vm1", numberOfCpus = 4 });
        await Eventually.TrueAsync(() => Task.FromResult(domain.SetCalls.Count == 1));

        var stats = await _agent.Rpc.StatsAsync("vm1");

        Assert.Equal("Up", stats.Status);
        domain.SetGate.SetResult();
        await set;
    }

    private List<(int, string)> Pins() =>
        [.. _agent.Factory.Affinity.Pins.Select(p => (p.ThreadId, Hotset.Core.Vms.CpuSet.Format(p.HostCpus)))];
}
