using Hotset.Core.Agent;
using Hotset.Core.Vms;
using Hotset.Engine.Clusters;
using Hotset.Engine.Hosts;
using Hotset.Engine.Persistence.Config;
using Host = Hotset.Engine.Hosts.Host;

namespace Hotset.Engine.Vms.Preview;

/// <summary>
/// The vCPU table of a VM. Monitoring stores only the counts, so for a running VM the host is asked now
/// (<c>VM.getStats</c>) for the vCPU threads and the guest's online CPUs, within <see cref="StatsTimeout"/>; a host
/// that does not answer in time, or answers with an error, leaves <c>online</c> and <c>host_thread_id</c> unknown
/// and <c>plugged</c> from the stored count.
/// </summary>
public sealed class VcpuTableQuery(IVmStore vms, IClusterStore clusters, IHostStore hosts, IEngineConfigProvider config,
    IHostAgents agents, TimeProvider time)
{
    /// <summary>How long the table waits for the host's stats.</summary>
    public static readonly TimeSpan StatsTimeout = TimeSpan.FromSeconds(2);

    /// <summary>The table, or null when there is no VM <paramref name="vmId"/>.</summary>
    public async Task<IReadOnlyList<VcpuSlot>?> RunAsync(Guid vmId, CancellationToken ct)
    {
        if (await vms.GetAsync(vmId, ct) is not { } vm)
        {
            return null;
        }

        var cluster = await clusters.GetAsync(vm.ClusterId, ct)
            ?? throw new InvalidOperationException($"VM {vm.Id} belongs to cluster {vm.ClusterId}, which does not exist.");
        var limits = (await config.GetAsync(ct)).LimitsFor(cluster.Version, cluster.Architecture);
        var stats = vm.Status != VmStatus.Down && vm.RunOnHostId is { } hostId && await hosts.GetAsync(hostId, ct) is { } host
            ? await StatsAsync(host, vm.Id, ct)
            : null;
        return VcpuTable.Create(vm, VmMaxVCpus.Of(vm, cluster, limits), stats);
    }

    private async Task<VmStats?> StatsAsync(Host host, Guid vmId, CancellationToken ct)
    {
        using var timeout = new CancellationTokenSource(StatsTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        try
        {
            return await agents.For(host).GetStatsAsync(vmId.ToString(), linked.Token);
        }
        catch (AgentException)
        {
            return null;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return null;
        }
    }
}
