using Hotset.Agent.Hypervisor.GuestAgent;
using Hotset.Core.Agent;

namespace Hotset.Agent.Hypervisor.Qemu;

/// <summary>The guest's CPUs as the QEMU guest agent reports them (online CPUs, load since the previous call).</summary>
internal sealed class QemuGuestCpus(GuestAgentClient guest) : IGuestCpus
{
    private readonly Lock _usageLock = new();
    private (long Busy, long Total) _lastUsage;
    private Dictionary<int, (long Busy, long Total)> _lastPerCpu = [];
    private IReadOnlyList<GuestCpuUsage> _perCpuUsage = [];

    public IReadOnlyList<GuestCpuUsage> LastPerCpuUsage
    {
        get
        {
            lock (_usageLock)
            {
                return _perCpuUsage;
            }
        }
    }

    public async Task<IReadOnlyList<int>?> GetGuestOnlineCpusAsync(CancellationToken ct) =>
        await guest.GetVcpusAsync(ct) is { } vcpus ? [.. vcpus.Where(v => v.Online).Select(v => v.LogicalId).Order()] : null;

    public async Task<double?> GetGuestCpuUsageAsync(CancellationToken ct)
    {
        if (await guest.GetCpuStatsAsync(ct) is not { Count: > 0 } stats)
        {
            return null;
        }

        var now = (Busy: stats.Sum(s => s.TotalTicks - s.IdleTicks), Total: stats.Sum(s => s.TotalTicks));
        var perCpu = stats.ToDictionary(s => s.Cpu, s => (Busy: s.TotalTicks - s.IdleTicks, Total: s.TotalTicks));
        lock (_usageLock)
        {
            _perCpuUsage = [.. perCpu.OrderBy(p => p.Key).Select(p => new GuestCpuUsage(p.Key,
                _lastPerCpu.TryGetValue(p.Key, out var last) ? Percent(p.Value.Busy - last.Busy, p.Value.Total - last.Total) : 0))];
            _lastPerCpu = perCpu;
            var (busy, total) = (now.Busy - _lastUsage.Busy, now.Total - _lastUsage.Total);
            _lastUsage = now;
            return Percent(busy, total);
        }
    }

    public async Task SetGuestCpusAsync(IReadOnlyList<GuestCpuState> cpus, CancellationToken ct)
    {
        var done = await guest.SetVcpusAsync(cpus.Select(c => new GuestVcpu(c.Index, c.Online)), ct);
        if (done != cpus.Count)
        {
            throw new HypervisorException(done < 0
                ? "The guest agent refused guest-set-vcpus or did not answer (the guest cannot offline CPU 0 or a CPU it does not have; is the guest agent running?)."
                : $"The guest changed {done} of the {cpus.Count} CPUs asked (the guest refuses to offline CPU 0, and CPUs it does not have).");
        }
    }

    private static double Percent(long busy, long total) => total <= 0 ? 0 : Math.Clamp(100.0 * busy / total, 0, 100);
}
