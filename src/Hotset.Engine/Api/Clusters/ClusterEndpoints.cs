using Hotset.Engine.Api.DataCenters;
using Hotset.Engine.Api.Search;
using Hotset.Engine.Auth.Permissions;
using Hotset.Engine.Clusters;

namespace Hotset.Engine.Api.Clusters;

/// <summary><c>/ovirt-engine/api/clusters</c>: list, get, update.</summary>
public static class ClusterEndpoints
{
    public static IEndpointRouteBuilder MapClusters(this IEndpointRouteBuilder api)
    {
        var clusters = api.MapGroup("/clusters").WithTags("clusters");
        clusters.MapGet("/", ListAsync).WithSummary("List clusters; search=name=… and datacenter=… as oVirt.")
            .RequireOnSystem(ActionGroup.ReadSystem);
        clusters.MapGet("/{id}", async (string id, IClusterStore store, CancellationToken ct) =>
            await Find(id, store, ct) is { } cluster ? new NodeResult(ClusterRepresentation.ToNode(cluster)) : FaultResults.NotFound("cluster", id))
            .WithSummary("A cluster.").RequireOnSystem(ActionGroup.ReadSystem);
        clusters.MapPut("/{id}", UpdateAsync)
            .WithSummary("Change name, description, version, cpu/architecture, threads_as_cores or vcpu_overcommit_ratio.")
            .RequireOnSystem(ActionGroup.ConfigureSystem);
        return api;
    }

    private static async Task<IResult> ListAsync(HttpRequest request, IClusterStore store, CancellationToken ct)
    {
        var errors = new InputErrors();
        var search = SearchQuery.Read(request, "clusters", ["name", "datacenter"], errors);
        if (errors.Any)
        {
            return errors.ToFault();
        }

        var all = DataCenterEndpoints.Matches(search) ? await store.ListAsync(ct) : [];
        return new NodeResult(ClusterRepresentation.ToList(all.Where(c => search.Matches("name", c.Name))));
    }

    private static async Task<IResult> UpdateAsync(string id, HttpRequest request, IClusterStore store,
        UpdateClusterCommand command, CancellationToken ct)
    {
        if (await Find(id, store, ct) is not { } cluster)
        {
            return FaultResults.NotFound("cluster", id);
        }

        var (node, fault) = await ApiInput.ReadAsync(request, ClusterRepresentation.Shape, ct);
        if (node is null)
        {
            return fault!;
        }

        var errors = new InputErrors();
        var changed = ClusterRepresentation.Apply(cluster, node, errors);
        if (errors.Any)
        {
            return errors.ToFault();
        }

        var outcome = await command.RunAsync(changed, ct);
        return outcome.Cluster is { } stored ? new NodeResult(ClusterRepresentation.ToNode(stored)) : outcome.Result.ToFaultResult();
    }

    private static async Task<Cluster?> Find(string id, IClusterStore store, CancellationToken ct) =>
        Guid.TryParse(id, out var guid) ? await store.GetAsync(guid, ct) : null;
}
