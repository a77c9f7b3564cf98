using Hotset.Agent.Hooks;
using Hotset.Agent.Tests.Testing;
using Hotset.Core.Agent;

namespace Hotset.Agent.Tests.Verbs;

public sealed class CreateVmVerbTests : IAsyncLifetime
{
    private readonly AgentUnderTest _agent = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _agent.DisposeAsync().AsTask();

    [Fact]
    public async Task Create_NewVm_StartsItUpAndRecordsItInTheStateDirectory()
    {
        var result = await _agent.Rpc.CreateAsync(AgentUnderTest.Definition("vm1", cpus: 2));

        Assert.Equal("Up", result.GetProperty("status").GetString());
        Assert.Equal(2, result.GetProperty("vcpuCount").GetInt32());
        var (definition, runDirectory) = Assert.Single(_agent.Hypervisor.Starts);
        Assert.Equal(AgentUnderTest.Definition("vm1", cpus: 2), definition);
        Assert.Equal(_agent.State.Combine("vms", "vm1", "run"), runDirectory);
        Assert.True(Directory.Exists(runDirectory));
        Assert.True(File.Exists(_agent.State.Combine("vms", "vm1", "vm.json")));
    }

    [Fact]
    public async Task Create_SameIdTwice_AnswersVmExists()
    {
        await _agent.Rpc.CreateAsync(AgentUnderTest.Definition("vm1"));

        var error = await _agent.Rpc.ErrorAsync(AgentMethods.Create, new { vmID = "vm1", vmParams = AgentUnderTest.Definition("vm1") });

        Assert.Equal(AgentErrorCodes.VmExists, error.Code);
        Assert.Single(_agent.Hypervisor.Starts);
    }

    [Theory]
    [InlineData("../etc", "../etc", 1, 16, "vmID '../etc' must be")]
    [InlineData("vm1", "vm2", 1, 16, "vmParams.vmId 'vm2' differs from vmID 'vm1'")]
    [InlineData("vm1", "vm1", 17, 16, "smp is 17; it must be between 1 and maxVCpus (16)")]
    [InlineData("vm1", "vm1", 0, 16, "smp is 0")]
    public async Task Create_InvalidDefinition_AnswersInvalidParamsAndStartsNothing(
        string vmId, string paramsVmId, int cpus, int max, string expected)
    {
        var definition = AgentUnderTest.Definition(paramsVmId, cpus, max);

        var error = await _agent.Rpc.ErrorAsync(AgentMethods.Create, new { vmID = vmId, vmParams = definition });

        Assert.Equal(AgentErrorCodes.InvalidParams, error.Code);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Empty(_agent.Hypervisor.Starts);
    }

    [Fact]
    public async Task Create_BadPinning_AnswersInvalidParams()
    {
        var definition = AgentUnderTest.Definition("vm1", pinning: new Dictionary<string, string> { ["x"] = "0" });

        var error = await _agent.Rpc.ErrorAsync(AgentMethods.Create, new { vmID = "vm1", vmParams = definition });

        Assert.Equal(AgentErrorCodes.InvalidParams, error.Code);
        Assert.Contains("cpuPinning key 'x'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0", "999", "cpuPinning of vCPU 0 names host CPUs 999, which are not online on this host")]
    [InlineData("16", "0", "cpuPinning pins vCPU 16, but the VM has at most 16 vCPUs (0 to 15)")]
    public async Task Create_PinningThisHostCannotHonour_AnswersInvalidParams(string vcpu, string cpus, string expected)
    {
        var definition = AgentUnderTest.Definition("vm1", pinning: new Dictionary<string, string> { [vcpu] = cpus });

        var error = await _agent.Rpc.ErrorAsync(AgentMethods.Create, new { vmID = "vm1", vmParams = definition });

        Assert.Equal(AgentErrorCodes.InvalidParams, error.Code);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Empty(_agent.Hypervisor.Starts);
    }

    [Fact]
    public async Task Create_PinningFailsAfterQemuStarted_StopsQemuAndLeavesNothingBehind()
    {
        _agent.Factory.Affinity.Fail = "Cannot pin thread 7 to host CPUs 0: No such process.";
        var definition = AgentUnderTest.Definition("vm1", pinning: new Dictionary<string, string> { ["0"] = "0" });

        var error = await _agent.Rpc.ErrorAsync(AgentMethods.Create, new { vmID = "vm1", vmParams = definition });

        Assert.Equal(AgentErrorCodes.CannotCreateVm, error.Code);
        Assert.True(_agent.Hypervisor.Domain("vm1").Destroyed);
        Assert.False(Directory.Exists(_agent.State.Combine("vms", "vm1")));
        Assert.Equal(AgentErrorCodes.NoSuchVm, (await _agent.Rpc.ErrorAsync(AgentMethods.GetStats, new { vmID = "vm1" })).Code);
    }

    [Fact]
    public async Task Create_QemuFailsToStart_AnswersCannotCreateVmAndForgetsTheVm()
    {
        _agent.Hypervisor.FailStart = "QEMU exited at start: qemu-system-x86_64: -m 99999999: cannot set up guest memory";

        var error = await _agent.Rpc.ErrorAsync(AgentMethods.Create, new { vmID = "vm1", vmParams = AgentUnderTest.Definition("vm1") });

        Assert.Equal(AgentErrorCodes.CannotCreateVm, error.Code);
        Assert.Equal(_agent.Hypervisor.FailStart, error.Message);
        Assert.Equal(AgentErrorCodes.NoSuchVm, (await _agent.Rpc.ErrorAsync(AgentMethods.GetStats, new { vmID = "vm1" })).Code);
        Assert.False(Directory.Exists(_agent.State.Combine("vms", "vm1")));
        _agent.Hypervisor.FailStart = null;
        await _agent.Rpc.CreateAsync(AgentUnderTest.Definition("vm1"));
    }

    [Fact]
    public async Task Create_BeforeVmStartHookFails_AnswersHookErrorAndStartsNothing()
    {
        _agent.AddHook(HookPoint.BeforeVmStart, "10_no", "echo 'no capacity' >&2; exit 1");

        var error = await _agent.Rpc.ErrorAsync(AgentMethods.Create, new { vmID = "vm1", vmParams = AgentUnderTest.Definition("vm1") });

        Assert.Equal(AgentErrorCodes.HookError, error.Code);
        Assert.Equal("Hook Error: before_vm_start/10_no exited with 1: no capacity", error.Message);
        Assert.Empty(_agent.Hypervisor.Starts);
    }
}
