using System.Globalization;
using System.Text.Json.Nodes;
using Hotset.Agent.Hypervisor.Qmp;
using Hotset.Core.Agent;

namespace Hotset.Agent.Hypervisor.Qemu;

/// <summary>
/// The live vCPUs of one QEMU over QMP. A change runs top to bottom: the range (once); where QEMU is now (the cached
/// slots, checked against QEMU's count in the same write as the first <c>device_add</c>); the plug or unplug; and,
/// when QEMU refused because the slots changed behind the agent's back, once more on the slots read again.
/// Changes of one VM run one at a time.
/// </summary>
internal sealed partial class QemuVcpus(
    QemuMonitor monitor, QemuVcpuSlots slots, VcpuPlug plug, VcpuUnplug unplug, VmDefinition vm, VcpuTopology topology, ILogger logger)
    : IVcpuControl
{
    private readonly SemaphoreSlim _changing = new(1, 1);

    public async Task<int> GetVcpuCountAsync(CancellationToken ct) =>
        (await monitor.ExecuteAsync("query-cpus-fast", null, ct) as JsonArray)?.Count ?? 0;

    public async Task<IReadOnlyList<VcpuThread>> GetVcpuThreadsAsync(CancellationToken ct) =>
        [.. (await monitor.ExecuteAsync("query-cpus-fast", null, ct) as JsonArray ?? []).OfType<JsonObject>()
            .Select(cpu => new VcpuThread(
                topology.IndexOf(Prop(cpu, "socket-id"), Prop(cpu, "core-id"), Prop(cpu, "thread-id")),
                cpu["thread-id"]?.GetValue<int>() ?? 0))
            .OrderBy(t => t.Index)];

    public async Task<int> SetVcpusAsync(int numberOfCpus, CancellationToken ct)
    {
        await _changing.WaitAsync(ct);
        try
        {
            if (numberOfCpus < 1 || numberOfCpus > vm.MaxVCpus)
            {
                throw new HypervisorException(slots.OutOfRange(numberOfCpus, await GetVcpuCountAsync(ct)));
            }

            var start = await StartAsync(numberOfCpus, ct);
            var stale = await ChangeAsync(start.Slots, numberOfCpus, start.FirstAdd, ct);
            if (stale is not null && !start.ReadAgain)
            {
                LogSlotsChanged(logger, vm.VmId, stale.Command, stale.Reason);
                stale = await ChangeAsync(stale.Fresh, numberOfCpus, null, ct);
            }

            return stale is null ? start.Live : throw new HypervisorException(stale.Refusal);
        }
        catch (QmpException e)
        {
            // The QMP connection failed mid-change (QEMU exited or hangs); what QEMU has is unknown.
            slots.Invalidate();
            throw new HypervisorException($"Changing the vCPUs of VM '{vm.VmName}' failed: {e.Message}", e);
        }
        catch (HypervisorException)
        {
            slots.Invalidate();
            throw;
        }
        finally
        {
            _changing.Release();
        }
    }

    /// <summary>Reads the slots from QEMU (at start and attach; later only when in doubt); the first hot set reads them when QEMU does not answer now.</summary>
    public async Task LoadSlotsAsync(CancellationToken ct)
    {
        await _changing.WaitAsync(ct);
        try
        {
            await slots.RefreshAsync(ct);
        }
        catch (HypervisorException)
        {
            slots.Invalidate();
        }
        finally
        {
            _changing.Release();
        }
    }

    /// <summary>
    /// Where QEMU is before the change: its live count and its slots. A plug on trusted cached slots sends
    /// <c>query-cpus-fast</c> and the first <c>device_add</c> in one write (QEMU runs them in order), so checking the
    /// cache costs no extra round trip; when QEMU's count differs, the slots are read again (that was the one re-read).
    /// </summary>
    private async Task<Start> StartAsync(int target, CancellationToken ct)
    {
        if (slots.Cached is { } cached && target > slots.CachedPluggedCount && slots.PlugRefusal(cached, target) is null)
        {
            var expected = cached.Count(s => s.Plugged);
            var first = VcpuSlot.ToPlug(cached, 1, vm.MaxVCpus)[0];
            var replies = monitor.Qmp.ExecuteInOrder([new QmpCommand("query-cpus-fast"), VcpuPlug.DeviceAdd(first)], ct);
            int live;
            try
            {
                live = (await replies[0] as JsonArray)?.Count ?? 0;
            }
            finally
            {
                // Observed whatever happens: after a failed query the device_add may have run or not.
                await ((Task)replies[1]).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            if (live == expected)
            {
                return new Start(live, cached, replies[1], ReadAgain: false);
            }

            if (replies[1].IsCompletedSuccessfully)
            {
                slots.RecordPlugged(first);
            }

            LogSlotsChanged(logger, vm.VmId, "query-cpus-fast",
                string.Create(CultureInfo.InvariantCulture, $"QEMU had {live} vCPUs where the agent knew of {expected}"));
            return new Start(live, (await slots.RefreshAsync(ct)).Slots, null, ReadAgain: true);
        }

        var count = await GetVcpuCountAsync(ct);
        var known = slots.Cached is { } trusted && slots.CachedPluggedCount == count ? trusted : (await slots.RefreshAsync(ct)).Slots;
        return new Start(count, known, null, ReadAgain: false);
    }

    private async Task<StaleSlots?> ChangeAsync(IReadOnlyList<VcpuSlot> known, int target, Task<JsonNode?>? firstAdd, CancellationToken ct)
    {
        var current = known.Count(s => s.Plugged);
        return target > current ? await plug.RunAsync(known, target, firstAdd, ct)
            : target < current ? await unplug.RunAsync(known, target, ct)
            : null;
    }

    private static int Prop(JsonObject cpu, string name) => cpu["props"]?[name]?.GetValue<int>() ?? 0;

    /// <param name="FirstAdd">The reply of the first <c>device_add</c>, when it was sent with the count.</param>
    /// <param name="ReadAgain">True when the slots were read again already because QEMU's count differed.</param>
    private sealed record Start(int Live, IReadOnlyList<VcpuSlot> Slots, Task<JsonNode?>? FirstAdd, bool ReadAgain);

    [LoggerMessage(EventId = 3305, Level = LogLevel.Warning, Message = "VM {VmId}: its vCPU slots changed behind the agent's back ({Command}: {Reason}); retrying once on the slots QEMU has now")]
    private static partial void LogSlotsChanged(ILogger logger, string vmId, string command, string reason);
}
