using Hotset.Agent.Hypervisor.GuestAgent;

namespace Hotset.Agent.Hypervisor.Qemu;

/// <summary>The guest's CPUs as the QEMU guest agent reports them (online CPUs, load since the previous call).</summary>
internal sealed class QemuGuestCpus(GuestAgentClient guest) : IGuestCpus
{
    private readonly Lock _usageLock = new();
    private (long Busy, long Total) _lastUsage;

    public async Task<IReadOnlyList<int>?> GetGuestOnlineCpusAsync(CancellationToken ct) =>
        await guest.GetVcpusAsync(ct) is { } vcpus ? [.. vcpus.Where(v => v.Online).Select(v => v.LogicalId).Order()] : null;

    public async Task<double?> GetGuestCpuUsageAsync(CancellationToken ct)
    {
        if (await guest.GetCpuStatsAsync(ct) is not { Count: > 0 } stats)
        {
            return null;
        }

        var now = (Busy: stats.Sum(s => s.TotalTicks - s.IdleTicks), Total: stats.Sum(s => s.TotalTicks));
        lock (_usageLock)
        {
            var (busy, total) = (now.Busy - _lastUsage.Busy, now.Total - _lastUsage.Total);
            _lastUsage = now;
            return total <= 0 ? 0 : Math.Clamp(100.0 * busy / total, 0, 100);
        }
    }
}
