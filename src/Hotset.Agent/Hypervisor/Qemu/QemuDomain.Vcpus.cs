using System.Globalization;
using System.Text.Json.Nodes;
using Hotset.Agent.Hypervisor.Qmp;

namespace Hotset.Agent.Hypervisor.Qemu;

public sealed partial class QemuDomain
{
    private static readonly TimeSpan UnplugPollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Plugs (<c>device_add</c> of the lowest free slots) or unplugs (<c>device_del</c> of the highest plugged vCPUs,
    /// then waiting for the guest's eject) until QEMU has <paramref name="numberOfCpus"/> vCPUs. Refuses below 1, above
    /// the VM's max, and past QEMU's lifetime vCPU budget, changing nothing. Changes of one VM run one at a time.
    /// </summary>
    public async Task SetVcpusAsync(int numberOfCpus, CancellationToken ct)
    {
        await _changing.WaitAsync(ct);
        try
        {
            var slots = await QuerySlotsAsync(ct);
            var current = slots.Count(s => s.Plugged);
            if (numberOfCpus < 1)
            {
                throw new HypervisorException($"Cannot set {numberOfCpus} vCPUs on VM '{_vm.VmName}': a VM needs at least 1 vCPU. It keeps its {current} vCPUs.");
            }

            if (numberOfCpus > _vm.MaxVCpus)
            {
                throw new HypervisorException(
                    $"Cannot set {numberOfCpus} vCPUs on VM '{_vm.VmName}': it was started with at most {_vm.MaxVCpus} vCPUs. It keeps its {current} vCPUs; restart it with a higher maximum to grow further.");
            }

            if (numberOfCpus > current)
            {
                await PlugAsync(slots, current, numberOfCpus - current, ct);
            }
            else if (numberOfCpus < current)
            {
                await UnplugAsync(slots, current, current - numberOfCpus, ct);
            }
        }
        catch (QmpException e)
        {
            // The QMP connection failed mid-change (QEMU exited or hangs); what QEMU has is unknown.
            throw new HypervisorException($"Changing the vCPUs of VM '{_vm.VmName}' failed: {e.Message}", e);
        }
        finally
        {
            _changing.Release();
        }
    }

    private async Task PlugAsync(IReadOnlyList<VcpuSlot> slots, int current, int count, CancellationToken ct)
    {
        var left = _topology.Slots - CreatedVcpus;
        if (count > left)
        {
            throw new HypervisorException(
                $"Cannot plug {count} vCPUs into VM '{_vm.VmName}': QEMU can create only {left} more vCPUs in this VM's life ({CreatedVcpus} of {_topology.Slots} created so far; unplugged vCPUs are not recycled under TCG). It keeps its {current} vCPUs; restart the VM to plug more.");
        }

        var plan = VcpuSlot.ToPlug(slots, count, _vm.MaxVCpus);
        if (plan.Count < count)
        {
            throw new HypervisorException(
                $"Cannot plug {count} vCPUs into VM '{_vm.VmName}': only {plan.Count} of its {_vm.MaxVCpus} vCPU slots are free (an unplug may still be in progress). It keeps its {current} vCPUs.");
        }

        var plugged = 0;
        foreach (var slot in plan)
        {
            var args = new JsonObject { ["driver"] = slot.Type, ["id"] = VcpuTopology.DeviceId(slot.Index) };
            foreach (var (name, value) in slot.Props)
            {
                args[name] = value?.DeepClone();
            }

            try
            {
                await _qmp.ExecuteAsync("device_add", args, ct);
            }
            catch (QmpException e)
            {
                throw new HypervisorException(
                    $"QEMU refused to plug vCPU {slot.Index} into VM '{_vm.VmName}': {e.Description}. The VM has {current + plugged} vCPUs now.", e);
            }

            plugged++;
            RecordCreated();
        }

        LogPlugged(_logger, _vm.VmId, current, current + plugged);
    }

    private async Task UnplugAsync(IReadOnlyList<VcpuSlot> slots, int current, int count, CancellationToken ct)
    {
        var plan = VcpuSlot.ToUnplug(slots, count);
        if (plan.Count < count)
        {
            throw new HypervisorException(
                $"Cannot unplug {count} vCPUs from VM '{_vm.VmName}': only {plan.Count} of its {current} vCPUs were plugged as devices. It keeps its {current} vCPUs.");
        }

        using var events = _qmp.Subscribe();
        var pending = new HashSet<string>(StringComparer.Ordinal);
        string? refused = null;
        foreach (var slot in plan)
        {
            try
            {
                await _qmp.ExecuteAsync("device_del", new JsonObject { ["id"] = slot.DeviceId }, ct);
                pending.Add(slot.DeviceId!);
            }
            catch (QmpException e) when (e.ErrorClass is not QmpException.Disconnected)
            {
                refused = $"QEMU refused to unplug vCPU {slot.Index}: {e.Description}";
                break;
            }
        }

        var allGone = await WaitForEjectAsync(events, pending, ct);
        var now = await GetVcpuCountAsync(ct);
        if (refused is not null || !allGone)
        {
            var why = refused ?? string.Create(CultureInfo.InvariantCulture,
                $"the guest did not eject {pending.Count} of {count} vCPUs within {_options.UnplugTimeout.TotalSeconds:0.#} s (it may still do so later)");
            throw new HypervisorException($"Unplugging vCPUs from VM '{_vm.VmName}' failed: {why}. The VM has {now} vCPUs now.");
        }

        LogUnplugged(_logger, _vm.VmId, current, now);
    }

    // Under TCG no DEVICE_DELETED carries a vCPU's id: the one for its lapic child does; polling is the fallback.
    private async Task<bool> WaitForEjectAsync(QmpEventSubscription events, HashSet<string> pending, CancellationToken ct)
    {
        using var deadline = new CancellationTokenSource(_options.UnplugTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
        while (pending.Count > 0)
        {
            using var poll = CancellationTokenSource.CreateLinkedTokenSource(linked.Token);
            poll.CancelAfter(UnplugPollInterval);
            try
            {
                var e = await events.ReadAsync(poll.Token);
                if (e.Name == "DEVICE_DELETED")
                {
                    pending.RemoveWhere(id => e.GetString("device") == id || e.GetString("path") is { } p &&
                        (p == $"/machine/peripheral/{id}" || p == $"/machine/peripheral/{id}/lapic"));
                }
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                var plugged = (await QuerySlotsAsync(ct)).Select(s => s.DeviceId).OfType<string>().ToHashSet();
                pending.IntersectWith(plugged);
                if (deadline.IsCancellationRequested)
                {
                    break;
                }
            }
        }

        return pending.Count == 0;
    }

    private async Task<IReadOnlyList<VcpuSlot>> QuerySlotsAsync(CancellationToken ct) =>
        VcpuSlot.Parse(await ExecuteAsync("query-hotpluggable-cpus", null, ct), _topology);

    /// <summary>Sets the lifetime vCPU count when its file was lost (after a re-attach): what QEMU has now.</summary>
    internal void AssumeCreated(int created)
    {
        Volatile.Write(ref _createdVcpus, created);
        File.WriteAllText(_files.CreatedVcpusFile, created.ToString(CultureInfo.InvariantCulture));
    }

    private void RecordCreated()
    {
        var created = Interlocked.Increment(ref _createdVcpus);
        File.WriteAllText(_files.CreatedVcpusFile, created.ToString(CultureInfo.InvariantCulture));
    }
}
