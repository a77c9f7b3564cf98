using Hotset.Engine.Api.Representations;
using Hotset.Engine.Auth.Permissions;
using Hotset.Engine.Commands;
using Hotset.Engine.Vms;
using Hotset.Engine.Vms.Migration;

namespace Hotset.Engine.Api.Vms;

/// <summary>
/// <c>POST /vms/{id}/migrate</c> with <c>&lt;action&gt;&lt;host id="…"/&gt;&lt;/action&gt;</c> (or
/// <c>&lt;host&gt;&lt;name&gt;…&lt;/name&gt;&lt;/host&gt;</c>, or no host: the engine chooses) and
/// <c>POST /vms/{id}/cancelmigration</c>: 200 <c>&lt;action&gt;&lt;status&gt;complete&lt;/status&gt;&lt;/action&gt;</c> once
/// the migration runs (it ends later: the VM's status and host, events 63/65), or a fault before anything started.
/// </summary>
public static class VmMigrationEndpoints
{
    private static readonly InputShape Shape = new("action")
    {
        "reason", "async", "force", new InputShape("host") { "name" }, new InputShape("cluster") { "name" },
    };

    public static IEndpointRouteBuilder MapVmMigration(this IEndpointRouteBuilder vms)
    {
        vms.MapPost("/{id}/migrate", MigrateAsync)
            .WithSummary("Live-migrate the VM to the named host, or to the Up host of its cluster with the most free vCPUs.")
            .RequireOnVm(ActionGroup.MigrateVm);
        vms.MapPost("/{id}/cancelmigration", CancelAsync)
            .WithSummary("Cancel the VM's migration; it keeps running on its source host.")
            .RequireOnVm(ActionGroup.MigrateVm);
        return vms;
    }

    private static async Task<IResult> MigrateAsync(string id, HttpContext context, IVmStore store,
        MigrateVmCommand command, CancellationToken ct)
    {
        if (await VmEndpoints.Find(id, store, ct) is not { } vm)
        {
            return FaultResults.NotFound("VM", id);
        }

        var (node, fault) = await ApiInput.ReadAsync(context.Request, Shape, ct, optional: true);
        if (node is null)
        {
            return fault!;
        }

        var host = node.Child("host");
        Guid? hostId = null;
        if (host?.Value("id") is { Length: > 0 } idText)
        {
            if (!Guid.TryParse(idText, out var parsed))
            {
                return FaultResults.BadRequest($"The host id '{idText}' is not an id; use a host's id from GET /hosts, or its <name>.");
            }

            hostId = parsed;
        }

        var result = await command.RunAsync(new MigrateVm(vm.Id, hostId, host?.Value("name"), ApiCaller.Of(context)), ct);
        return Answer(result);
    }

    private static async Task<IResult> CancelAsync(string id, HttpContext context, IVmStore store,
        CancelMigrationCommand command, CancellationToken ct)
    {
        if (await VmEndpoints.Find(id, store, ct) is not { } vm)
        {
            return FaultResults.NotFound("VM", id);
        }

        var (node, fault) = await ApiInput.ReadAsync(context.Request, Shape, ct, optional: true);
        if (node is null)
        {
            return fault!;
        }

        return Answer(await command.RunAsync(new VmAction(vm.Id, ApiCaller.Of(context)), ct));
    }

    private static NodeResult Answer(CommandResult result) => result.Succeeded
        ? new NodeResult(new Node("action").Add("status", "complete"))
        : result.ToFaultResult();
}
