using Hotset.Core.Vms;
using Hotset.Engine.Api.Clusters;
using Hotset.Engine.Api.Representations;
using Hotset.Engine.Api.Search;
using Hotset.Engine.Auth.Permissions;
using Hotset.Engine.Clusters;

namespace Hotset.Engine.Api.DataCenters;

/// <summary><c>/ovirt-engine/api/datacenters</c>: the one data center, <c>Default</c>, and its clusters (all of them).</summary>
public static class DataCenterEndpoints
{
    public static IEndpointRouteBuilder MapDataCenters(this IEndpointRouteBuilder api)
    {
        var dataCenters = api.MapGroup("/" + DataCenterRepresentation.Path).WithTags("datacenters").RequireOnSystem(ActionGroup.ReadSystem);
        dataCenters.MapGet("/", ListAsync).WithSummary("List data centers (Default); search=name=… as oVirt.");
        dataCenters.MapGet("/{id}", async (string id, IClusterStore clusters, CancellationToken ct) =>
                IsDefault(id) ? new NodeResult(DataCenterRepresentation.ToNode(await VersionAsync(clusters, ct))) : FaultResults.NotFound("data center", id))
            .WithSummary("The Default data center.");
        dataCenters.MapGet("/{id}/clusters", async (string id, IClusterStore clusters, CancellationToken ct) =>
                IsDefault(id) ? new NodeResult(ClusterRepresentation.ToList(await clusters.ListAsync(ct))) : FaultResults.NotFound("data center", id))
            .WithSummary("The clusters of the data center (all clusters).");
        return api;
    }

    /// <summary>Whether a <c>datacenter=</c> search pattern names Hotset's data center (true when there is none).</summary>
    public static bool Matches(SearchQuery search) => search.Matches("datacenter", DataCenterRepresentation.DefaultName);

    private static async Task<IResult> ListAsync(HttpRequest request, IClusterStore clusters, CancellationToken ct)
    {
        var errors = new InputErrors();
        var search = SearchQuery.Read(request, "data centers", ["name"], errors);
        if (errors.Any)
        {
            return errors.ToFault();
        }

        var items = search.Matches("name", DataCenterRepresentation.DefaultName)
            ? [DataCenterRepresentation.ToNode(await VersionAsync(clusters, ct))]
            : Array.Empty<Node>();
        return new NodeResult(Node.Collection("data_centers", "data_center", items));
    }

    private static bool IsDefault(string id) => Guid.TryParse(id, out var guid) && guid == DataCenterRepresentation.DefaultId;

    private static async Task<CompatibilityVersion> VersionAsync(IClusterStore clusters, CancellationToken ct) =>
        (await clusters.ListAsync(ct)).Select(c => c.Version).DefaultIfEmpty(CompatibilityVersion.Latest).Min();
}
