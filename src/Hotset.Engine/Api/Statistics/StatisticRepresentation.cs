using Hotset.Engine.Api.Representations;

namespace Hotset.Engine.Api.Statistics;

/// <summary>
/// oVirt's <c>&lt;statistics&gt;</c> of a VM or host: each <c>&lt;statistic&gt;</c> with name, description, kind, type,
/// unit, <c>values/value/datum</c> and a link to its owner (<c>&lt;vm href id/&gt;</c>).
/// </summary>
public static class StatisticRepresentation
{
    /// <param name="ownerName">The owner's element (<c>vm</c>, <c>host</c>).</param>
    /// <param name="ownerPath">The owner's collection (<c>vms</c>, <c>hosts</c>).</param>
    public static Node ToList(IEnumerable<Statistic> statistics, string ownerName, string ownerPath, Guid ownerId) =>
        Node.Collection("statistics", "statistic", statistics.Select(s => ToNode(s, ownerName, ownerPath, ownerId)));

    public static Node ToNode(Statistic statistic, string ownerName, string ownerPath, Guid ownerId)
    {
        var id = statistic.Id.ToString();
        return new Node("statistic").Attr("href", $"{ApiPaths.Root}/{ownerPath}/{ownerId}/statistics/{id}").Attr("id", id)
            .Add("name", statistic.Name)
            .Add("description", statistic.Description)
            .Add("kind", statistic.Kind)
            .Add("type", statistic.Type)
            .Add("unit", statistic.Unit)
            .Add(Node.Collection("values", "value", [new Node("value").Add("datum", statistic.Datum)]))
            .Add(Node.Link(ownerName, ownerPath, ownerId));
    }
}
