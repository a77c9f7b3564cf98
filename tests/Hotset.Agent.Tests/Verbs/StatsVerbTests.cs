using System.Text.Json;
using Hotset.Agent.Hypervisor;
using Hotset.Agent.Tests.Testing;
using Hotset.Core.Agent;

namespace Hotset.Agent.Tests.Verbs;

public sealed class StatsVerbTests : IAsyncLifetime
{
    private readonly AgentUnderTest _agent = new();

    public async Task InitializeAsync() => await _agent.Rpc.CreateAsync(AgentUnderTest.Definition("vm1", cpus: 3));

    public Task DisposeAsync() => _agent.DisposeAsync().AsTask();

    [Fact]
    public async Task GetStats_RunningVm_ReportsQemuAndGuestViews()
    {
        var domain = _agent.Hypervisor.Domain("vm1");
        domain.GuestOnline = [0, 2];

        var stats = await _agent.Rpc.StatsAsync("vm1");

        Assert.Equal("vm1", stats.VmId);
        Assert.Equal("Up", stats.Status);
        Assert.Equal(3, stats.VcpuCount);
        Assert.Equal(2, stats.GuestCpuCount);
        Assert.Equal([0, 2], stats.GuestCpusOnline);
        Assert.Equal([domain.ProcessId + 1, domain.ProcessId + 2, domain.ProcessId + 3], stats.VcpuThreadIds);
        Assert.Equal(12.5, stats.CpuUsagePercent);
        Assert.Null(stats.ExitMessage);
    }

    [Fact]
    public async Task GetStats_QemuEndedOnItsOwn_DownWithErrorExitCode()
    {
        _agent.Hypervisor.Domain("vm1").Exit("QEMU exited unexpectedly.");

        await Eventually.TrueAsync(async () => (await _agent.Rpc.StatsAsync("vm1")).Status == "Down");
        var stats = await _agent.Rpc.StatsAsync("vm1");

        Assert.Equal(("QEMU exited unexpectedly.", VmExitCodes.Error), (stats.ExitMessage, stats.ExitCode));
    }

    [Theory]
    [InlineData("The guest powered off.", VmExitCodes.Normal)]
    [InlineData("The guest powered off. Last console lines: reboot: Power down", VmExitCodes.Normal)]
    [InlineData("QEMU was told to quit.", VmExitCodes.Normal)]
    [InlineData("QEMU was stopped by the agent (destroy).", VmExitCodes.Normal)]
    [InlineData("The guest did not power off within 30 s of the shutdown request; the agent powered the VM off.", VmExitCodes.Normal)]
    [InlineData("QEMU exited unexpectedly.", VmExitCodes.Error)]
    [InlineData("The guest kernel panicked.", VmExitCodes.Error)]
    [InlineData("QEMU was no longer running when the agent started.", VmExitCodes.Error)]
    [InlineData(null, VmExitCodes.Error)]
    public void CodeOf_ExitMessage_IsVdsmExitCode(string? message, int expected) =>
        Assert.Equal(expected, VmExit.CodeOf(message));

    [Fact]
    public async Task GetStats_RunningVm_AsksQemuForItsVcpusOnce()
    {
        var domain = _agent.Hypervisor.Domain("vm1");
        var before = domain.VcpuQueries;

        var stats = await _agent.Rpc.StatsAsync("vm1");

        Assert.Equal(3, stats.VcpuCount);
        Assert.Equal(3, stats.VcpuThreadIds.Count);
        Assert.Equal(1, domain.VcpuQueries - before);
    }

    [Fact]
    public async Task GetStats_GuestAgentDoesNotAnswer_ReportsMinusOne()
    {
        _agent.Hypervisor.Domain("vm1").GuestAgentAnswers = false;

        var stats = await _agent.Rpc.StatsAsync("vm1");

        Assert.Equal(3, stats.VcpuCount);
        Assert.Equal(-1, stats.GuestCpuCount);
        Assert.Empty(stats.GuestCpusOnline);
        Assert.Equal(-1, stats.CpuUsagePercent);
    }

    [Fact]
    public async Task GetStats_WireNames_AreVdsmNames()
    {
        var stats = await _agent.Rpc.ResultAsync(AgentMethods.GetStats, new { vmID = "vm1" });

        var names = stats.EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Superset(
            new HashSet<string> { "vmId", "status", "vcpuCount", "guestCPUCount", "guestCpusOnline", "vcpuThreadIds", "cpuUsagePercent" },
            names);
    }

    [Fact]
    public async Task GetStats_QemuExitsWhileTheAgentRuns_ReportsDownWithTheExitMessage()
    {
        _agent.Hypervisor.Domain("vm1").Exit("QEMU was killed by signal 9.");

        await Eventually.TrueAsync(async () => (await _agent.Rpc.StatsAsync("vm1")).Status == "Down");

        var stats = await _agent.Rpc.StatsAsync("vm1");
        Assert.Equal("QEMU was killed by signal 9.", stats.ExitMessage);
        Assert.Equal(-1, stats.VcpuCount);
        Assert.Equal(-1, stats.GuestCpuCount);
    }

    [Fact]
    public async Task GetAllVmStats_TwoVms_ListsBothDownOnesIncluded()
    {
        await _agent.Rpc.CreateAsync(AgentUnderTest.Definition("vm2"));
        _agent.Hypervisor.Domain("vm2").Exit("gone");
        await Eventually.TrueAsync(async () => (await _agent.Rpc.StatsAsync("vm2")).Status == "Down");

        var all = (await _agent.Rpc.ResultAsync(AgentMethods.GetAllVmStats)).Deserialize<List<VmStats>>()!;

        Assert.Equal(["vm1", "vm2"], all.Select(s => s.VmId));
        Assert.Equal(["Up", "Down"], all.Select(s => s.Status));
    }

    [Fact]
    public async Task GetStats_UnknownVm_AnswersNoSuchVm()
    {
        var error = await _agent.Rpc.ErrorAsync(AgentMethods.GetStats, new { vmID = "ghost" });

        Assert.Equal(AgentErrorCodes.NoSuchVm, error.Code);
    }
}
