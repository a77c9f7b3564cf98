using System.Globalization;
using Hotset.Engine.Api.Representations;
using Hotset.Engine.Audit;
using Hotset.Engine.Auth.Permissions;
using Hotset.Engine.Persistence.Audit;

namespace Hotset.Engine.Api.Events;

/// <summary>
/// <c>GET /ovirt-engine/api/events</c>: the audit log, newest first; <c>from=N</c> returns only events after id N,
/// <c>max=M</c> at most M, <c>search=</c> filters (<c>code=2033</c>, <c>vm.name=web*</c>, <c>severity=error</c>…).
/// </summary>
public static class EventEndpoints
{
    public static IEndpointRouteBuilder MapEvents(this IEndpointRouteBuilder api)
    {
        api.MapGet("/events", ListAsync).WithTags("events").WithSummary("The audit log, newest first (from, max, search).")
            .RequireOnSystem(ActionGroup.ReadSystem);
        return api;
    }

    private static async Task<IResult> ListAsync(HttpRequest request, IAuditLog log, CancellationToken ct)
    {
        var errors = new InputErrors();
        var from = errors.LargeNumber(request.Query["from"].FirstOrDefault(), "from");
        var max = errors.WholeNumber(request.Query["max"].FirstOrDefault(), "max", min: 0);
        var search = request.Query["search"].FirstOrDefault();
        try
        {
            _ = EventSearch.Parse(search);
        }
        catch (FormatException e)
        {
            errors.Add(e.Message);
        }

        if (errors.Any)
        {
            return errors.ToFault();
        }

        var events = await log.ListAsync(from, max, search, ct);
        return new NodeResult(Node.Collection("events", "event", events.Select(ToNode)));
    }

    public static Node ToNode(AuditEvent e)
    {
        var id = e.Id.ToString(CultureInfo.InvariantCulture);
        return new Node("event").Attr("href", $"{ApiPaths.Root}/events/{id}").Attr("id", id)
            .Add("description", e.Message)
            .Add("code", e.Code)
            .Add("correlation_id", e.CorrelationId)
            .Add("custom_id", -1)
            .Add("flood_rate", 30)
            .Add("origin", "oVirt")
            .Add("severity", e.Severity.ToString().ToLowerInvariant())
            .Add("time", e.Time)
            .Add(e.ClusterId is { } cluster ? Node.Link("cluster", "clusters", cluster) : null)
            .Add(e.HostId is { } host ? Node.Link("host", "hosts", host) : null)
            .Add(e.UserName is { } user ? new Node("user").Add("name", user) : null)
            .Add(e.VmId is { } vm ? Node.Link("vm", "vms", vm) : null);
    }
}
