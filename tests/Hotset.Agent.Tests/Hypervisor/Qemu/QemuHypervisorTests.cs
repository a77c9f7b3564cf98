using Hotset.Agent.Hypervisor;
using Hotset.Agent.Hypervisor.Qemu;
using Hotset.Agent.Hypervisor.Qmp;
using Hotset.Core.Agent;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Hotset.Agent.Tests.Hypervisor.Qemu;

/// <summary>Starting, re-attaching, stopping and the lifetime vCPU budget, on a real QEMU running the test guest.</summary>
public sealed class QemuHypervisorTests : IAsyncLifetime
{
    private static readonly TimeSpan ExitDeadline = TimeSpan.FromSeconds(30);
    private readonly List<(IDomain? Domain, string RunDirectory)> _started = [];
    private TestGuest _guest = null!;

    public Task InitializeAsync()
    {
        _guest = new TestGuest();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var (domain, dir) in _started)
        {
            await BootedVm.StopAsync(domain, dir);
        }
    }

    [Fact]
    public async Task AttachAsync_AfterDomainDisposed_ManagesTheSameQemuAndSeesItExit()
    {
        var hypervisor = Hypervisor(_guest.Options());
        var vm = TestGuest.Vm("hotset-attach", 3, 4);
        var dir = TestGuest.NewRunDirectory();
        var first = await StartAsync(hypervisor, vm, dir);
        await GuestWait.UntilAgentAnswersAsync(first, GuestWait.Boot);
        await GuestWait.UntilOnlineAsync(first, 3);
        await first.DisposeAsync();

        var domain = await hypervisor.AttachAsync(vm, dir, CancellationToken.None);
        _started.Add((domain, dir));

        Assert.NotNull(domain);
        Assert.Equal(first.Lifetime.ProcessId, domain.Lifetime.ProcessId);
        Assert.Equal(3, await domain.Vcpus.GetVcpuCountAsync(CancellationToken.None));
        await domain.Vcpus.SetVcpusAsync(1, CancellationToken.None);
        await GuestWait.UntilOnlineAsync(domain, 1);
        await domain.Vcpus.SetVcpusAsync(4, CancellationToken.None);
        await GuestWait.UntilOnlineAsync(domain, 4);

        await domain.Lifetime.ShutdownAsync(CancellationToken.None);
        var exit = await domain.Lifetime.Exited.WaitAsync(ExitDeadline);
        Assert.Contains("guest powered off", exit, StringComparison.Ordinal);
        Assert.Null(await hypervisor.AttachAsync(vm, dir, CancellationToken.None));
    }

    [Fact]
    public async Task SetVcpusAsync_LifetimeBudgetSpent_RefusedBeforeQemuWouldAbort()
    {
        var options = _guest.Options();
        options.VcpuBudget = 4;
        var hypervisor = Hypervisor(options);
        var vm = TestGuest.Vm("hotset-budget", 1, 3);
        var dir = TestGuest.NewRunDirectory();
        var domain = (QemuDomain)await StartAsync(hypervisor, vm, dir);
        await GuestWait.UntilAgentAnswersAsync(domain, GuestWait.Boot);

        await domain.Vcpus.SetVcpusAsync(3, CancellationToken.None);
        await GuestWait.UntilOnlineAsync(domain, 3);
        await domain.Vcpus.SetVcpusAsync(1, CancellationToken.None);
        await domain.Vcpus.SetVcpusAsync(2, CancellationToken.None);
        await GuestWait.UntilOnlineAsync(domain, 2);
        await domain.Vcpus.SetVcpusAsync(1, CancellationToken.None);
        Assert.Equal(4, domain.CreatedVcpus);

        var e = await Assert.ThrowsAsync<HypervisorException>(() => domain.Vcpus.SetVcpusAsync(2, CancellationToken.None));

        Assert.Contains("can create only 0 more vCPUs", e.Message, StringComparison.Ordinal);
        Assert.Contains("restart the VM", e.Message, StringComparison.Ordinal);
        Assert.Equal(1, await domain.Vcpus.GetVcpuCountAsync(CancellationToken.None));
        await domain.Lifetime.DestroyAsync(CancellationToken.None);
        Assert.False(QemuProcessProbe.IsAlive(domain.Lifetime.ProcessId));
        Assert.False(File.Exists(Path.Combine(dir, "qmp.sock")));
        Assert.Equal("QEMU was stopped by the agent (destroy).", await domain.Lifetime.Exited.WaitAsync(ExitDeadline));
    }

    [Fact]
    public async Task SetVcpusAsync_GuestNotReadyOrNotEjecting_FailsNamingTheCountNowAndExitedSeesAKill()
    {
        var options = _guest.Options();
        options.UnplugTimeout = TimeSpan.FromMilliseconds(500);
        var dir = TestGuest.NewRunDirectory();
        var domain = (QemuDomain)await StartAsync(Hypervisor(options), TestGuest.Vm("hotset-noeject", 2, 4), dir);

        // Still booting: QEMU refuses CPU unplug until the guest has switched ACPI CPU hotplug on.
        var early = await Assert.ThrowsAsync<HypervisorException>(() => domain.Vcpus.SetVcpusAsync(1, CancellationToken.None));
        Assert.Contains("QEMU refused to unplug vCPU 1: acpi: device unplug request for not supported device type", early.Message, StringComparison.Ordinal);
        Assert.Contains("The VM has 2 vCPUs now.", early.Message, StringComparison.Ordinal);

        // Booted but paused: the eject request waits in the guest's ACPI queue past the timeout.
        await GuestWait.UntilAgentAnswersAsync(domain, GuestWait.Boot);
        await GuestWait.UntilOnlineAsync(domain, 2);
        await using var diag = await QmpClient.ConnectAsync(Path.Combine(dir, "qmp-diag.sock"), TimeSpan.FromSeconds(10), NullLogger.Instance, CancellationToken.None);
        await diag.ExecuteAsync("stop", null, CancellationToken.None);
        var late = await Assert.ThrowsAsync<HypervisorException>(() => domain.Vcpus.SetVcpusAsync(1, CancellationToken.None));
        Assert.Contains("did not eject 1 of 1 vCPUs within 0.5 s (it may still do so later)", late.Message, StringComparison.Ordinal);
        Assert.Contains("The VM has 2 vCPUs now.", late.Message, StringComparison.Ordinal);

        // Running again, the guest completes the eject on its own.
        await diag.ExecuteAsync("cont", null, CancellationToken.None);
        await GuestWait.UntilOnlineAsync(domain, 1);
        await GuestWait.UntilQemuHasAsync(domain, 1);

        System.Diagnostics.Process.GetProcessById(domain.Lifetime.ProcessId).Kill();
        var exit = await domain.Lifetime.Exited.WaitAsync(ExitDeadline);
        Assert.StartsWith("QEMU exited unexpectedly", exit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_UnknownMachineType_ThrowsWithQemuText()
    {
        var vm = TestGuest.Vm("hotset-bad", 1, 2) with { Machine = "no-such-machine" };
        var dir = TestGuest.NewRunDirectory();
        _started.Add((null, dir));

        var e = await Assert.ThrowsAsync<HypervisorException>(() => Hypervisor(_guest.Options()).StartAsync(vm, dir, CancellationToken.None));

        Assert.Contains("QEMU could not start VM 'hotset-bad'", e.Message, StringComparison.Ordinal);
        Assert.Contains("no-such-machine", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_MaxAboveSlots_RefusedWithoutStartingQemu()
    {
        var vm = TestGuest.Vm("hotset-big", 1, 300);
        var dir = TestGuest.NewRunDirectory();
        _started.Add((null, dir));

        var e = await Assert.ThrowsAsync<HypervisorException>(() => Hypervisor(_guest.Options()).StartAsync(vm, dir, CancellationToken.None));

        Assert.Contains("at most 300 vCPUs", e.Message, StringComparison.Ordinal);
        Assert.Contains("255 vCPU slots", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetInfoAsync_Qemu10_ReportsVersionMachinesAndBudget()
    {
        var info = await Hypervisor(_guest.Options()).GetInfoAsync(CancellationToken.None);

        Assert.True(Version.Parse(info.QemuVersion).Major >= 10);
        Assert.Contains("pc", info.Machines);
        Assert.Contains("q35", info.Machines);
        Assert.Equal(255, info.MaxVCpus);
        Assert.False(info.UsesLibvirt);
    }

    private static QemuHypervisor Hypervisor(QemuOptions options) =>
        new(Options.Create(options), TimeProvider.System, NullLogger<QemuHypervisor>.Instance);

    private async Task<IDomain> StartAsync(QemuHypervisor hypervisor, VmDefinition vm, string dir)
    {
        var entry = (Domain: (IDomain?)null, dir);
        _started.Add(entry);
        var domain = await hypervisor.StartAsync(vm, dir, CancellationToken.None);
        _started[_started.IndexOf(entry)] = (domain, dir);
        return domain;
    }
}
