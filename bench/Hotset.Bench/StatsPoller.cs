using System.Diagnostics;
using Hotset.Bench.Hosts;
using Hotset.Core.Agent;

namespace Hotset.Bench;

/// <summary>Polls one VM's <c>VM.getStats</c> at a fine interval and records what each poll cost.</summary>
public sealed class StatsPoller(AgentRpc agent, string vmId)
{
    /// <summary>Pause between two polls; the resolution of an observed time is this plus one poll.</summary>
    public const int IntervalMs = 10;

    public Samples Cost { get; } = new("VM.getStats round trip (poll cost)");

    public async Task<VmStats> UntilAsync(Func<VmStats, bool> done, TimeSpan timeout, CancellationToken ct)
    {
        var start = Stopwatch.GetTimestamp();
        while (true)
        {
            var asked = Stopwatch.GetTimestamp();
            var stats = await agent.StatsAsync(vmId, ct);
            Cost.AddSince(asked);
            if (done(stats))
            {
                return stats;
            }

            if (Stopwatch.GetElapsedTime(start) > timeout)
            {
                throw new TimeoutException($"VM {vmId} did not reach the expected state within {timeout.TotalSeconds} s "
                    + $"(status {stats.Status}, vcpuCount {stats.VcpuCount}, guestCPUCount {stats.GuestCpuCount}).");
            }

            await Task.Delay(IntervalMs, ct);
        }
    }
}
