using System.Diagnostics;
using Hotset.Agent.Hypervisor;
using Xunit.Abstractions;

namespace Hotset.Agent.Tests.Hypervisor.Qemu;

/// <summary>CPU hot plug and unplug on a real QEMU running the test guest; counts checked in QEMU and in the guest.</summary>
public sealed class QemuDomainTests(BootedVm vm, ITestOutputHelper output) : IClassFixture<BootedVm>
{
    [Fact]
    public async Task SetVcpusAsync_Plug1To4_QemuAndGuestHave4()
    {
        await ResetToAsync(1);

        var clock = Stopwatch.StartNew();
        await vm.Domain.Vcpus.SetVcpusAsync(4, CancellationToken.None);
        var plugged = clock.Elapsed;

        Assert.Equal(4, await vm.Domain.Vcpus.GetVcpuCountAsync(CancellationToken.None));
        var online = await GuestWait.UntilOnlineAsync(vm.Domain, 4);
        Assert.Equal([0, 1, 2, 3], await vm.Domain.GuestCpus.GetGuestOnlineCpusAsync(CancellationToken.None));
        output.WriteLine($"boot: QMP after {vm.QemuStart.TotalMilliseconds:0} ms, guest agent after {vm.BootToGuestAgent.TotalMilliseconds:0} ms");
        output.WriteLine($"plug 1->4: QEMU done in {plugged.TotalMilliseconds:0} ms, online in the guest {online.TotalMilliseconds:0} ms later");
    }

    [Fact]
    public async Task SetVcpusAsync_Unplug4To2_QemuAndGuestHave2()
    {
        await ResetToAsync(4);

        var clock = Stopwatch.StartNew();
        await vm.Domain.Vcpus.SetVcpusAsync(2, CancellationToken.None);
        var unplugged = clock.Elapsed;

        Assert.Equal(2, await vm.Domain.Vcpus.GetVcpuCountAsync(CancellationToken.None));
        await GuestWait.UntilOnlineAsync(vm.Domain, 2);
        Assert.Equal([0, 1], await vm.Domain.GuestCpus.GetGuestOnlineCpusAsync(CancellationToken.None));
        output.WriteLine($"unplug 4->2 confirmed (guest ejected both) in {unplugged.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task SetVcpusAsync_TogglePlugUnplugFiveTimes_CountsFollowEachTime()
    {
        await ResetToAsync(1);

        for (var round = 1; round <= 5; round++)
        {
            var clock = Stopwatch.StartNew();
            await vm.Domain.Vcpus.SetVcpusAsync(2, CancellationToken.None);
            Assert.Equal(2, await vm.Domain.Vcpus.GetVcpuCountAsync(CancellationToken.None));
            var online = await GuestWait.UntilOnlineAsync(vm.Domain, 2);
            var plug = clock.Elapsed;

            clock.Restart();
            await vm.Domain.Vcpus.SetVcpusAsync(1, CancellationToken.None);
            Assert.Equal(1, await vm.Domain.Vcpus.GetVcpuCountAsync(CancellationToken.None));
            await GuestWait.UntilOnlineAsync(vm.Domain, 1);
            output.WriteLine($"round {round}: plug+online {plug.TotalMilliseconds:0} ms (guest {online.TotalMilliseconds:0} ms), unplug {clock.Elapsed.TotalMilliseconds:0} ms");
        }
    }

    [Fact]
    public async Task SetVcpusAsync_UnplugRightAfterPlug_EndsConsistentInQemuAndGuest()
    {
        await ResetToAsync(1);

        await vm.Domain.Vcpus.SetVcpusAsync(3, CancellationToken.None);
        try
        {
            await vm.Domain.Vcpus.SetVcpusAsync(1, CancellationToken.None);
        }
        catch (HypervisorException e)
        {
            // Failing is allowed here, but only nicely: the message says what the VM has.
            Assert.Contains("vCPUs now.", e.Message, StringComparison.Ordinal);
        }

        var count = await vm.Domain.Vcpus.GetVcpuCountAsync(CancellationToken.None);
        await GuestWait.UntilOnlineAsync(vm.Domain, count);
        output.WriteLine($"plug 1->3 then unplug at once: QEMU has {count}");
    }

    [Fact]
    public async Task SetVcpusAsync_AboveMax_ThrowsNamingBothNumbersAndChangesNothing()
    {
        await ResetToAsync(2);

        var e = await Assert.ThrowsAsync<HypervisorException>(() => vm.Domain.Vcpus.SetVcpusAsync(BootedVm.MaxVcpus + 1, CancellationToken.None));

        Assert.Contains("Cannot set 5 vCPUs", e.Message, StringComparison.Ordinal);
        Assert.Contains("at most 4 vCPUs", e.Message, StringComparison.Ordinal);
        Assert.Equal(2, await vm.Domain.Vcpus.GetVcpuCountAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task SetVcpusAsync_BelowOne_RefusedAndChangesNothing(int count)
    {
        await ResetToAsync(1);

        var e = await Assert.ThrowsAsync<HypervisorException>(() => vm.Domain.Vcpus.SetVcpusAsync(count, CancellationToken.None));

        Assert.Contains("at least 1 vCPU", e.Message, StringComparison.Ordinal);
        Assert.Equal(1, await vm.Domain.Vcpus.GetVcpuCountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task GetVcpuThreadsAsync_TwoVcpus_PinnableHostThreads()
    {
        await ResetToAsync(2);

        var threads = await vm.Domain.Vcpus.GetVcpuThreadsAsync(CancellationToken.None);

        Assert.Equal([0, 1], threads.Select(t => t.Index));
        var pinner = new VcpuPinner();
        pinner.SetAffinity(threads[1].ThreadId, new HashSet<int> { 0 });
        Assert.Equal([0], pinner.GetAffinity(threads[1].ThreadId));
        pinner.SetAffinity(threads[1].ThreadId, Enumerable.Range(0, Environment.ProcessorCount).ToHashSet());
    }

    [Fact]
    public async Task GetGuestCpuUsageAsync_RunningGuest_PercentBetween0And100()
    {
        var usage = await vm.Domain.GuestCpus.GetGuestCpuUsageAsync(CancellationToken.None);

        Assert.InRange(usage!.Value, 0, 100);
    }

    private async Task ResetToAsync(int count)
    {
        await vm.Domain.Vcpus.SetVcpusAsync(count, CancellationToken.None);
        await GuestWait.UntilOnlineAsync(vm.Domain, count);
    }
}
