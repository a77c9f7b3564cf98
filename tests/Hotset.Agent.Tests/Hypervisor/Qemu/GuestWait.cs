using System.Diagnostics;
using Hotset.Agent.Hypervisor;

namespace Hotset.Agent.Tests.Hypervisor.Qemu;

/// <summary>Polls the guest agent until the guest reports what a test expects, with a deadline.</summary>
internal static class GuestWait
{
    /// <summary>Longest wait for a change to show; generous because CI machines may be busy.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    /// <summary>Longest wait for the guest to boot (≈ 3 s on an idle 2-core machine under TCG, far more when busy).</summary>
    public static readonly TimeSpan Boot = TimeSpan.FromSeconds(90);

    /// <summary>Waits until the guest agent answers at all (the guest has booted); returns how long it took.</summary>
    public static async Task<TimeSpan> UntilAgentAnswersAsync(IDomain domain, TimeSpan deadline)
    {
        var clock = Stopwatch.StartNew();
        while (await domain.GuestCpus.GetGuestOnlineCpusAsync(CancellationToken.None) is null)
        {
            Assert.True(clock.Elapsed < deadline, $"The guest agent did not answer within {deadline.TotalSeconds} s of boot.");
            await Task.Delay(100);
        }

        return clock.Elapsed;
    }

    /// <summary>Waits until exactly <paramref name="count"/> CPUs are online in the guest; returns how long it took.</summary>
    public static async Task<TimeSpan> UntilOnlineAsync(IDomain domain, int count)
    {
        var clock = Stopwatch.StartNew();
        IReadOnlyList<int>? online = null;
        while (clock.Elapsed < Deadline)
        {
            online = await domain.GuestCpus.GetGuestOnlineCpusAsync(CancellationToken.None);
            if (online?.Count == count)
            {
                return clock.Elapsed;
            }

            await Task.Delay(25);
        }

        Assert.Fail($"The guest did not have {count} CPUs online within {Deadline.TotalSeconds} s; last answer: {(online is null ? "none" : string.Join(",", online))}.");
        return clock.Elapsed;
    }

    /// <summary>Waits until QEMU has exactly <paramref name="count"/> vCPUs (an eject the guest finishes late).</summary>
    public static async Task UntilQemuHasAsync(IDomain domain, int count)
    {
        var clock = Stopwatch.StartNew();
        var now = -1;
        while (clock.Elapsed < Deadline)
        {
            now = await domain.Vcpus.GetVcpuCountAsync(CancellationToken.None);
            if (now == count)
            {
                return;
            }

            await Task.Delay(25);
        }

        Assert.Fail($"QEMU did not have {count} vCPUs within {Deadline.TotalSeconds} s; it has {now}.");
    }
}
