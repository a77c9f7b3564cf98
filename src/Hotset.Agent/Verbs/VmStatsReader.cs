using Hotset.Agent.Hypervisor;
using Hotset.Agent.Vms;
using Hotset.Core.Agent;
using Microsoft.Extensions.Options;

namespace Hotset.Agent.Verbs;

/// <summary>
/// Builds <see cref="VmStats"/> from QEMU (its vCPU threads, asked once: their number is the vCPU count) and the guest
/// agent (online CPUs, load). Each answer that does not come within <see cref="AgentOptions.StatsTimeout"/>, or fails,
/// is reported as unknown (-1).
/// </summary>
internal sealed class VmStatsReader(IOptions<AgentOptions> options, TimeProvider time)
{
    public async Task<VmStats> ReadAsync(RunningVm vm, CancellationToken ct)
    {
        var now = vm.Snapshot();
        var stats = new VmStats
        {
            VmId = vm.VmId,
            Status = now.StatusWord,
            ExitMessage = now.ExitMessage,
            ExitCode = now.State == VmRunState.Down ? VmExit.CodeOf(now.ExitMessage) : VmExitCodes.Normal,
        };
        if (now is not { State: VmRunState.Up, Domain: { } domain })
        {
            return stats;
        }

        using var timeout = new CancellationTokenSource(options.Value.StatsTimeout, time);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        var token = deadline.Token;
        var threads = await AskAsync<IReadOnlyList<VcpuThread>?>(async () => await domain.Vcpus.GetVcpuThreadsAsync(token), null, ct);
        var online = await AskAsync(() => domain.GuestCpus.GetGuestOnlineCpusAsync(token), null, ct);
        var usage = await AskAsync(() => domain.GuestCpus.GetGuestCpuUsageAsync(token), null, ct);
        return stats with
        {
            VcpuCount = threads?.Count ?? -1,
            VcpuThreadIds = [.. (threads ?? []).OrderBy(t => t.Index).Select(t => t.ThreadId)],
            VcpuSlots = [.. (threads ?? []).Select(t => t.Index).Order()],
            MigrationProgress = now.Migrating?.Status.Progress,
            GuestCpuCount = online?.Count ?? -1,
            GuestCpusOnline = online ?? [],
            CpuUsagePercent = usage ?? -1,
            GuestCpuUsage = usage is null ? [] : domain.GuestCpus.LastPerCpuUsage,
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
