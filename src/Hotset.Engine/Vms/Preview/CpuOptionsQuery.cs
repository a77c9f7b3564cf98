using Hotset.Engine.Clusters;
using Hotset.Engine.Hosts;
using Hotset.Engine.Persistence.Config;
using Hotset.Engine.Vms.Commands;

namespace Hotset.Engine.Vms.Preview;

/// <summary>
/// Reads what <see cref="UpdateVmCommand"/> reads for an update (the VM, its cluster and limits, its host and the
/// host's other VMs, whether its pending name is taken) and previews every sockets value with
/// <see cref="CpuOptionsPreview"/>. Read-only; takes no lock.
/// </summary>
public sealed class CpuOptionsQuery(IVmStore vms, IClusterStore clusters, IHostStore hosts, IEngineConfigProvider config)
{
    /// <summary>The preview, or null when there is no VM <paramref name="vmId"/>.</summary>
    public async Task<CpuOptions?> RunAsync(Guid vmId, bool nextRun, Caller caller, CancellationToken ct)
    {
        if (await vms.GetAsync(vmId, ct) is not { } vm)
        {
            return null;
        }

        var cluster = await clusters.GetAsync(vm.ClusterId, ct)
            ?? throw new InvalidOperationException($"VM {vm.Id} belongs to cluster {vm.ClusterId}, which does not exist.");
        var limits = (await config.GetAsync(ct)).LimitsFor(cluster.Version, cluster.Architecture);
        var host = vm.RunOnHostId is { } hostId ? await hosts.GetAsync(hostId, ct) : null;
        var room = host is null
            ? null
            : HostRoom.For(host, cluster, (await vms.ListExclusivelyPinnedAsync(host.Id, ct)).Where(v => v.Id != vm.Id));
        var taken = vm.NextRun is { } pending && pending.Name != vm.Name
            && await UpdateVmCommand.NameTakenAsync(vms, pending.Name, vm.Id, ct) ? pending.Name : null;
        return CpuOptionsPreview.Create(new CpuOptionsInput(vm, nextRun, cluster, limits, host, room, taken, caller));
    }
}
