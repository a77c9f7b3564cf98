using Hotset.Engine.Auth.Permissions;
using Hotset.Engine.Vms;
using Hotset.Engine.Vms.Preview;

namespace Hotset.Engine.Api.Vms;

/// <summary>
/// The read-only CPU views of a VM: <c>GET /vms/{id}/cpuoptions[?next_run=true]</c>, the hot-set preview (SPEC §13),
/// and <c>GET /vms/{id}/vcpus</c>, the vCPU table.
/// </summary>
public static class VmCpuViewEndpoints
{
    public static IEndpointRouteBuilder MapVmCpuViews(this IEndpointRouteBuilder vms)
    {
        vms.MapGet("/{id}/cpuoptions", CpuOptionsAsync)
            .WithSummary("What PUT /vms/{id} with each sockets value would do now; next_run=true previews the next-run change.")
            .RequireOnVm(ActionGroup.ReadVm);
        vms.MapGet("/{id}/vcpus", VcpusAsync)
            .WithSummary("One entry per vCPU slot: topology position, plugged, online in the guest, host thread, pinning.")
            .RequireOnVm(ActionGroup.ReadVm);
        return vms;
    }

    private static async Task<IResult> CpuOptionsAsync(string id, HttpContext context, CpuOptionsQuery query,
        IVmStore store, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var vmId))
        {
            return FaultResults.NotFound("VM", id);
        }

        if (QueryFlags.Read(context.Request, "next_run") is not { } nextRun)
        {
            // An unknown VM is a 404 before a bad flag is a 400, as on GET /vms/{id}.
            return await store.GetAsync(vmId, ct) is null
                ? FaultResults.NotFound("VM", id)
                : FaultResults.BadRequest("next_run takes true or false.");
        }

        return await query.RunAsync(vmId, nextRun, ApiCaller.Of(context), ct) is { } options
            ? CpuOptionsRepresentation.ToResult(options)
            : FaultResults.NotFound("VM", id);
    }

    private static async Task<IResult> VcpusAsync(string id, VcpuTableQuery query, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var vmId))
        {
            return FaultResults.NotFound("VM", id);
        }

        return await query.RunAsync(vmId, ct) is { } slots
            ? VcpuTableRepresentation.ToResult(slots)
            : FaultResults.NotFound("VM", id);
    }
}
