using Hotset.Agent.Hypervisor;
using Hotset.Agent.Vms;
using Hotset.Core.Agent;
using Microsoft.Extensions.Options;

namespace Hotset.Agent.Verbs;

/// <summary>
/// Builds <see cref="VmStats"/> from QEMU (vCPU count and threads) and the guest agent (online CPUs, load). Each
/// answer that does not come within <see cref="AgentOptions.StatsTimeout"/>, or fails, is reported as unknown (-1).
/// </summary>
internal sealed class VmStatsReader(IOptions<AgentOptions> options)
{
    public async Task<VmStats> ReadAsync(RunningVm vm, CancellationToken ct)
    {
        var now = vm.Snapshot();
        var stats = new VmStats { VmId = vm.VmId, Status = now.StatusWord, ExitMessage = now.ExitMessage };
        if (now is not { State: VmRunState.Up, Domain: { } domain })
        {
            return stats;
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(options.Value.StatsTimeout);
        var token = deadline.Token;
        var vcpus = await AskAsync(() => domain.GetVcpuCountAsync(token), -1, ct);
        var threads = await AskAsync(() => domain.GetVcpuThreadsAsync(token), [], ct);
        var online = await AskAsync(() => domain.GetGuestOnlineCpusAsync(token), null, ct);
        var usage = await AskAsync(() => domain.GetGuestCpuUsageAsync(token), null, ct);
        return stats with
        {
            VcpuCount = vcpus,
            VcpuThreadIds = [.. threads.OrderBy(t => t.Index).Select(t => t.ThreadId)],
            GuestCpuCount = online?.Count ?? -1,
            GuestCpusOnline = online ?? [],
            CpuUsagePercent = usage ?? -1,
        };
    }

    // Stats are data: a QEMU that does not answer is a value (-1), not an error of the verb.
    private static async Task<T> AskAsync<T>(Func<Task<T>> ask, T unknown, CancellationToken ct)
    {
        try
        {
            return await ask();
        }
        catch (HypervisorException)
        {
            return unknown;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return unknown;
        }
    }
}
