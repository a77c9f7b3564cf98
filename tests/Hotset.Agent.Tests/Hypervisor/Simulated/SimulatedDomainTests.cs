using Hotset.Agent.Hypervisor.Simulated;
using Hotset.Agent.Tests.Testing;
using Hotset.Core.Agent;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Hotset.Agent.Tests.Hypervisor.Simulated;

/// <summary>The simulated VM's timing on a fake clock: the guest onlines a plugged vCPU only after the configured delay.</summary>
public sealed class SimulatedDomainTests : IDisposable
{
    private readonly TempDirectory _run = new();
    private readonly FakeTimeProvider _time = new();
    private readonly SimulatedHypervisor _hypervisor;

    public SimulatedDomainTests()
    {
        var options = new SimulatedOptions
        {
            StartLatency = TimeSpan.Zero,
            PlugLatency = TimeSpan.Zero,
            UnplugLatency = TimeSpan.Zero,
            GuestAgentLatency = TimeSpan.Zero,
            GuestOnlineDelay = TimeSpan.FromMilliseconds(400),
        };
        _hypervisor = new SimulatedHypervisor(Options.Create(options), _time);
    }

    public void Dispose() => _run.Dispose();

    [Fact]
    public async Task SetVcpus_Plug_GuestOnlinesTheNewVcpusAfterTheDelay()
    {
        await using var domain = await _hypervisor.StartAsync(Definition(), _run.Path, default);

        var before = await domain.Vcpus.SetVcpusAsync(3, default);
        var atOnce = await domain.GuestCpus.GetGuestOnlineCpusAsync(default);
        _time.Advance(TimeSpan.FromMilliseconds(399));
        var almost = await domain.GuestCpus.GetGuestOnlineCpusAsync(default);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        var after = await domain.GuestCpus.GetGuestOnlineCpusAsync(default);

        Assert.Equal(1, before);
        Assert.Equal(3, await domain.Vcpus.GetVcpuCountAsync(default));
        Assert.Equal([0], atOnce);
        Assert.Equal([0], almost);
        Assert.Equal([0, 1, 2], after);
    }

    [Fact]
    public async Task Attach_AfterDestroy_FindsNothing_WhileARunningVmIsFound()
    {
        var domain = await _hypervisor.StartAsync(Definition(), _run.Path, default);
        await domain.Vcpus.SetVcpusAsync(2, default);
        await domain.DisposeAsync();

        var attached = await _hypervisor.AttachAsync(Definition(), _run.Path, default);
        Assert.NotNull(attached);
        Assert.Equal(2, await attached.Vcpus.GetVcpuCountAsync(default));
        await attached.Lifetime.DestroyAsync(default);

        Assert.Equal("Destroyed by the agent.", await attached.Lifetime.Exited);
        Assert.Null(await _hypervisor.AttachAsync(Definition(), _run.Path, default));
    }

    private static VmDefinition Definition() => new() { VmId = "vm1", VmName = "vm1", NumberOfCpus = 1, MaxVCpus = 8 };
}
