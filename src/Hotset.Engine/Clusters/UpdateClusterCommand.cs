using Hotset.Engine.Commands;

namespace Hotset.Engine.Clusters;

/// <summary>The answer to a cluster update: the cluster as stored when <see cref="Result"/> succeeded.</summary>
public sealed record UpdateClusterOutcome(CommandResult Result, Cluster? Cluster);

/// <summary>oVirt UpdateCluster: stores a cluster the API changed (a lost race stays a 409 of the API).</summary>
public sealed class UpdateClusterCommand(IClusterStore clusters)
{
    public async Task<UpdateClusterOutcome> RunAsync(Cluster changed, CancellationToken ct)
    {
        try
        {
            return new(CommandResult.Ok, await clusters.UpdateAsync(changed, ct));
        }
        catch (DuplicateNameException)
        {
            return new(CommandResult.Fail(ClusterFaults.NameInUse(changed.Name)), null);
        }
    }
}
