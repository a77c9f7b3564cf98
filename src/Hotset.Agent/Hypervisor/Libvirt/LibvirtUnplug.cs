using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Hotset.Agent.Hypervisor.Libvirt.Native;
using Hotset.Agent.Hypervisor.Qemu;
using Hotset.Core.Agent;

namespace Hotset.Agent.Hypervisor.Libvirt;

/// <summary>
/// vCPU unplug through libvirt, answered with what QEMU really did. libvirt unplugs one vCPU at a time and waits 5 s
/// for a <c>DEVICE_DELETED</c> naming it, which QEMU under TCG never sends; it then reports a timeout and goes on
/// counting the vCPU. After such a failure the driver asks QEMU (<c>query-hotpluggable-cpus</c> through libvirt):
/// vCPUs QEMU removed count as removed, the rest of the change is finished with <c>device_del</c> through the same
/// passthrough (so the outcome is known about 5 s after the call, not 5 s per vCPU), and the answer is QEMU's count —
/// never a success QEMU did not confirm, never a failure for a vCPU that is gone.
/// <para>
/// libvirt is then told what happened, so that its count (<c>virsh vcpucount</c>) and its later plugs are right:
/// libvirt handles a late <c>DEVICE_DELETED</c> whose device id is a vCPU's alias (<c>vcpuN</c>) by re-reading QEMU's
/// vCPUs and marking the missing one offline. The driver makes QEMU send exactly that event: it adds a USB keyboard
/// under the freed id and removes it at once (USB unplug needs no guest cooperation).
/// </para>
/// </summary>
internal sealed partial class LibvirtUnplug(
    LibvirtDomainRef domain, VmDefinition vm, VcpuTopology topology, TimeSpan timeout, ILogger logger)
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(20);

    /// <summary>Unplugs vCPUs from <paramref name="live"/> down to <paramref name="target"/>; throws, naming QEMU's count, unless QEMU has <paramref name="target"/> after.</summary>
    public async Task RunAsync(int live, int target, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        string? libvirtError = null;
        try
        {
            await domain.CallAsync(d => LibvirtNative.DomainSetVcpusFlags(d, (uint)target, LibvirtNative.AffectLive) < 0
                ? throw LibvirtError.Exception("libvirt")
                : 0, ct);
            LogUnplugged(logger, vm.VmId, live, target, clock.Elapsed.TotalMilliseconds, "libvirt confirmed it");
            return;
        }
        catch (LibvirtCallException e)
        {
            libvirtError = e.Message;
        }

        // libvirt gave up (under TCG: a timeout although QEMU removed the vCPU). What does QEMU have?
        var slots = await SlotsAsync(ct);
        var plugged = slots.Where(s => s.Plugged).ToList();
        await ReconcileAsync(ct);
        if (plugged.Count > target)
        {
            var rest = VcpuSlot.ToUnplug(plugged, plugged.Count - target);
            foreach (var slot in rest)
            {
                try
                {
                    await domain.QmpAsync("device_del", new JsonObject { ["id"] = slot.DeviceId }, ct);
                }
                catch (LibvirtCallException e)
                {
                    // E.g. the eject libvirt asked for is still pending: QEMU's count below says what happened.
                    LogDeleteRefused(logger, vm.VmId, slot.DeviceId!, e.Message);
                }
            }

            await UntilQemuHasAsync(target, timeout - clock.Elapsed, ct);
            await ReconcileAsync(ct);
        }

        var now = (await SlotsAsync(ct)).Count(s => s.Plugged);
        if (now == target)
        {
            var how = $"QEMU confirmed it after libvirt failed ({libvirtError})";
            LogUnplugged(logger, vm.VmId, live, target, clock.Elapsed.TotalMilliseconds, how);
            return;
        }

        throw new HypervisorException(string.Create(CultureInfo.InvariantCulture,
            $"Unplugging vCPUs from VM '{vm.VmName}' failed: {libvirtError}; QEMU removed {live - now} of {live - target} vCPUs within {clock.Elapsed.TotalSeconds:0.#} s (the guest may still eject the rest later). The VM has {now} vCPUs now."));
    }

    /// <summary>
    /// Makes libvirt forget the vCPUs it counts although QEMU removed them (a timed-out unplug), and waits until
    /// libvirt's live count is QEMU's. Nothing to do (one <c>virDomainGetXMLDesc</c>) when they agree.
    /// </summary>
    public async Task ReconcileAsync(CancellationToken ct)
    {
        var enabled = await domain.CallAsync(d => DomainXml.EnabledVcpus(
            LibvirtError.TakeString(LibvirtNative.DomainGetXmlDesc(d, 0)) ?? throw LibvirtError.Exception("libvirt's domain XML")), ct);
        var plugged = (await SlotsAsync(ct)).Where(s => s.Plugged).Select(s => s.Index).ToHashSet();
        var lost = enabled.Where(id => id != 0 && !plugged.Contains(id)).Order().ToList();
        if (lost.Count == 0)
        {
            return;
        }

        foreach (var id in lost)
        {
            var alias = VcpuTopology.DeviceId(id);
            await domain.QmpAsync("device_add", new JsonObject { ["driver"] = "usb-kbd", ["id"] = alias, ["bus"] = "usb.0" }, ct);
            await domain.QmpAsync("device_del", new JsonObject { ["id"] = alias }, ct);
        }

        var clock = Stopwatch.StartNew();
        var expected = plugged.Count;
        int libvirtCount;
        while ((libvirtCount = await domain.CallAsync(d => LibvirtNative.DomainGetVcpusFlags(d, LibvirtNative.AffectLive), ct)) != expected
            && clock.Elapsed < TimeSpan.FromSeconds(2))
        {
            await Task.Delay(Poll, ct);
        }

        var ids = string.Join(',', lost);
        LogReconciled(logger, vm.VmId, ids, libvirtCount, expected);
    }

    private async Task UntilQemuHasAsync(int target, TimeSpan wait, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var limit = wait > TimeSpan.FromSeconds(1) ? wait : TimeSpan.FromSeconds(1);
        while ((await SlotsAsync(ct)).Count(s => s.Plugged) > target && clock.Elapsed < limit)
        {
            await Task.Delay(Poll, ct);
        }
    }

    private async Task<IReadOnlyList<VcpuSlot>> SlotsAsync(CancellationToken ct) =>
        VcpuSlot.Parse(await domain.QmpAsync("query-hotpluggable-cpus", null, ct), topology);

    [LoggerMessage(EventId = 3403, Level = LogLevel.Information, Message = "VM {VmId}: unplugged vCPUs through libvirt, {From} -> {To} in {Milliseconds} ms: {How}")]
    private static partial void LogUnplugged(ILogger logger, string vmId, int from, int to, double milliseconds, string how);

    [LoggerMessage(EventId = 3405, Level = LogLevel.Information, Message = "VM {VmId}: device_del {DeviceId} through libvirt: {Reason}")]
    private static partial void LogDeleteRefused(ILogger logger, string vmId, string deviceId, string reason);

    [LoggerMessage(EventId = 3404, Level = LogLevel.Warning, Message = "VM {VmId}: libvirt still counted vCPUs {Vcpus} that QEMU had removed; told it (libvirt now counts {LibvirtCount}, QEMU {QemuCount})")]
    private static partial void LogReconciled(ILogger logger, string vmId, string vcpus, int libvirtCount, int qemuCount);
}
