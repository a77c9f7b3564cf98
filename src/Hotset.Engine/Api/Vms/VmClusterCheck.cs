using Hotset.Engine.Api.Representations;
using Hotset.Engine.Clusters;
using Hotset.Engine.Vms;
using Hotset.Engine.Vms.Commands;

namespace Hotset.Engine.Api.Vms;

/// <summary>
/// The <c>cluster</c> of a PUT /vms/{id}: a VM cannot move to another cluster, so naming another one is refused
/// (409) rather than ignored; naming its own cluster is accepted.
/// </summary>
public static class VmClusterCheck
{
    /// <summary>The fault for <paramref name="reference"/> on VM <paramref name="vmId"/>, or null when it is fine.</summary>
    public static async Task<IResult?> FaultAsync(Guid vmId, Node? reference, IVmStore vms, IClusterStore clusters,
        CancellationToken ct)
    {
        if (reference is null)
        {
            return null;
        }

        if (await vms.GetAsync(vmId, ct) is not { } vm)
        {
            return FaultResults.NotFound("VM", vmId.ToString());
        }

        var errors = new InputErrors();
        var cluster = await References.ClusterAsync(reference, clusters, errors, ct);
        if (errors.Any || cluster is null)
        {
            return errors.ToFault();
        }

        if (cluster.Id == vm.ClusterId)
        {
            return null;
        }

        var current = await clusters.GetAsync(vm.ClusterId, ct);
        return FaultResults.Fault(VmActionFaults.ClusterChange(vm, current?.Name ?? vm.ClusterId.ToString(), cluster.Name));
    }
}
