using System.Diagnostics;
using System.Text.Json.Nodes;
using Hotset.Agent.Hypervisor.Libvirt.Native;
using Hotset.Agent.Hypervisor.Qemu;
using Hotset.Core.Agent;

namespace Hotset.Agent.Hypervisor.Libvirt;

/// <summary>
/// The live vCPUs of one libvirt domain. Plug and unplug go through <c>virDomainSetVcpusFlags</c>; the truth is QEMU's
/// own count (<c>query-cpus-fast</c> through libvirt's monitor passthrough). Under TCG libvirt's unplug times out
/// after 5 s although QEMU removed the vCPU (QEMU sends <c>DEVICE_DELETED</c> only for the vCPU's <c>lapic</c> child),
/// and libvirt then keeps counting it: see <see cref="LibvirtUnplug"/> for how the driver answers truthfully and puts
/// libvirt's count right. Changes of one VM run one at a time.
/// </summary>
internal sealed partial class LibvirtVcpus(
    LibvirtDomainRef domain, VmDefinition vm, VcpuTopology topology, CreatedVcpusFile created, LibvirtUnplug unplug, LibvirtVcpuPins pins, ILogger logger)
    : IVcpuControl, IDisposable
{
    private readonly SemaphoreSlim _changing = new(1, 1);

    public int Created => created.Count;

    public async Task<int> GetVcpuCountAsync(CancellationToken ct) => (await QueryCpusAsync(ct)).Count;

    public async Task<IReadOnlyList<VcpuThread>> GetVcpuThreadsAsync(CancellationToken ct)
    {
        IReadOnlyList<VcpuThread> threads = [.. (await QueryCpusAsync(ct)).Select(cpu => new VcpuThread(
                topology.IndexOf(Prop(cpu, "socket-id"), Prop(cpu, "core-id"), Prop(cpu, "thread-id")),
                cpu["thread-id"]?.GetValue<int>() ?? 0))
            .OrderBy(t => t.Index)];
        pins.Record(domain, threads);
        return threads;
    }

    public async Task<int> SetVcpusAsync(int numberOfCpus, CancellationToken ct)
    {
        await _changing.WaitAsync(ct);
        try
        {
            var live = await GetVcpuCountAsync(ct);
            if (numberOfCpus < 1 || numberOfCpus > vm.MaxVCpus)
            {
                throw new HypervisorException(numberOfCpus < 1
                    ? $"Cannot set {numberOfCpus} vCPUs on VM '{vm.VmName}': a VM needs at least 1 vCPU. It keeps its {live} vCPUs."
                    : $"Cannot set {numberOfCpus} vCPUs on VM '{vm.VmName}': it was started with at most {vm.MaxVCpus} vCPUs. It keeps its {live} vCPUs; restart it with a higher maximum to grow further.");
            }

            // A vCPU libvirt still counts although QEMU removed it (an earlier timed-out unplug) would make libvirt
            // plug too few or unplug the wrong one: first tell libvirt what QEMU has.
            await unplug.ReconcileAsync(ct);
            if (numberOfCpus > live)
            {
                await PlugAsync(live, numberOfCpus, ct);
            }
            else if (numberOfCpus < live)
            {
                await unplug.RunAsync(live, numberOfCpus, ct);
            }

            return live;
        }
        catch (LibvirtCallException e)
        {
            throw new HypervisorException($"Changing the vCPUs of VM '{vm.VmName}' through libvirt failed: {e.Message}", e);
        }
        finally
        {
            _changing.Release();
        }
    }

    private async Task PlugAsync(int live, int target, CancellationToken ct)
    {
        var left = topology.Slots - created.Count;
        if (target - live > left)
        {
            throw new HypervisorException(
                $"Cannot plug {target - live} vCPUs into VM '{vm.VmName}': QEMU can create only {left} more vCPUs in this VM's life ({created.Count} of {topology.Slots} created so far; unplugged vCPUs are not recycled under TCG). It keeps its {live} vCPUs; restart the VM to plug more.");
        }

        var clock = Stopwatch.StartNew();
        try
        {
            await domain.CallAsync(d => LibvirtNative.DomainSetVcpusFlags(d, (uint)target, LibvirtNative.AffectLive) < 0
                ? throw LibvirtError.Exception($"libvirt refused to set {target} vCPUs")
                : 0, ct);
        }
        catch (LibvirtCallException e)
        {
            var now = await GetVcpuCountAsync(ct);
            created.Add(Math.Max(0, now - live));
            throw new HypervisorException($"Plugging vCPUs into VM '{vm.VmName}' failed: {e.Message}. The VM has {now} vCPUs now.", e);
        }

        created.Add(target - live);
        LogPlugged(logger, vm.VmId, live, target, clock.Elapsed.TotalMilliseconds);
    }

    private async Task<IReadOnlyList<JsonObject>> QueryCpusAsync(CancellationToken ct)
    {
        try
        {
            return [.. (await domain.QmpAsync("query-cpus-fast", null, ct) as JsonArray ?? []).OfType<JsonObject>()];
        }
        catch (LibvirtCallException e)
        {
            throw new HypervisorException($"VM '{vm.VmName}': {e.Message}", e);
        }
    }

    private static int Prop(JsonObject cpu, string name) => cpu["props"]?[name]?.GetValue<int>() ?? 0;

    public void Dispose()
    {
        created.Dispose();
        _changing.Dispose();
    }

    [LoggerMessage(EventId = 3402, Level = LogLevel.Information, Message = "VM {VmId}: plugged vCPUs through libvirt, {From} -> {To} in {Milliseconds} ms")]
    private static partial void LogPlugged(ILogger logger, string vmId, int from, int to, double milliseconds);
}
