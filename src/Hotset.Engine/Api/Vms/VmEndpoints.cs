using Hotset.Core.Vms;
using Hotset.Engine.Api.DataCenters;
using Hotset.Engine.Api.Representations;
using Hotset.Engine.Api.Search;
using Hotset.Engine.Auth.Permissions;
using Hotset.Engine.Clusters;
using Hotset.Engine.Hosts;
using Hotset.Engine.Vms;
using Hotset.Engine.Vms.Commands;

namespace Hotset.Engine.Api.Vms;

/// <summary><c>/ovirt-engine/api/vms</c>: list, get, add, update (with <c>next_run</c>), remove.</summary>
public static class VmEndpoints
{
    public static IEndpointRouteBuilder MapVms(this IEndpointRouteBuilder api)
    {
        var vms = api.MapGroup("/vms").WithTags("vms");
        vms.MapGet("/", ListAsync).WithSummary("List VMs; search=name=web* and max=N as oVirt.")
            .RequireAnyUser();
        vms.MapGet("/{id}", GetAsync).WithSummary("A VM; next_run=true shows the pending next-run configuration.")
            .RequireOnVm(ActionGroup.ReadVm);
        vms.MapPost("/", VmAddEndpoint.AddAsync).WithSummary("Create a VM from a template (Blank by default).")
            .RequireOnSystem(ActionGroup.ConfigureSystem);
        vms.MapPut("/{id}", UpdateAsync).WithSummary("Update a VM; CPU changes of a running VM are hot set (see Hotset-Cpu-Hot-Set).")
            .RequireOnVm(ActionGroup.EditVm);
        vms.MapDelete("/{id}", RemoveAsync).WithSummary("Remove a VM that is down.").RequireOnVm(ActionGroup.DeleteVm);
        vms.MapVmActions();
        vms.MapVmMigration();
        vms.MapVmCpuViews();
        vms.MapVmNumaNodes();
        vms.MapVmGuestCpus();
        return api;
    }

    private static async Task<IResult> ListAsync(HttpRequest request, IVmStore store,
        [FromKeyedServices(VmListResult.CacheKey)] EntryCache cache, CancellationToken ct)
    {
        var errors = new InputErrors();
        var max = errors.WholeNumber(request.Query["max"].FirstOrDefault(), "max", min: 0);
        var search = SearchQuery.Read(request, "VMs", ["name", "datacenter"], errors);
        if (errors.Any)
        {
            return errors.ToFault();
        }

        // A user without a system role that reads VMs sees only the VMs it has a role on, as oVirt's filtered lists.
        if (!DataCenterEndpoints.Matches(search))
        {
            return VmRepresentation.ToListResult([]);
        }

        var access = UserAccess.Of(request.HttpContext);
        if (access?.AllowsOnSystem(ActionGroup.ReadVm) == true)
        {
            var query = new VmListQuery(search["name"], max);
            return new VmListResult(await store.ListVersionsAsync(query.NamePattern, query.Max, ct), query, store, cache);
        }

        var visible = access?.VmsWith(ActionGroup.ReadVm) ?? new HashSet<Guid>();
        var vms = visible.Count == 0 ? Enumerable.Empty<Vm>() : (await store.ListAsync(search["name"], null, ct)).Where(v => visible.Contains(v.Id));
        return VmRepresentation.ToListResult([.. vms.Take(max ?? int.MaxValue)]);
    }

    private static async Task<IResult> GetAsync(string id, HttpRequest request, IVmStore store, CancellationToken ct)
    {
        if (await Find(id, store, ct) is not { } vm)
        {
            return FaultResults.NotFound("VM", id);
        }

        return QueryFlags.Read(request, "next_run") switch
        {
            null => FaultResults.BadRequest("next_run takes true or false."),
            true => new NodeResult(VmRepresentation.ToNode(vm, vm.NextRun ?? vm.Configuration)),
            false => new NodeResult(VmRepresentation.ToNode(vm)),
        };
    }

    private static async Task<IResult> UpdateAsync(string id, HttpContext context, IVmStore store, IClusterStore clusters,
        IHostStore hosts, UpdateVmCommand command, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var vmId))
        {
            return FaultResults.NotFound("VM", id);
        }

        // The command reads the VM under its lock; the endpoint reads it only when the input is bad, so that an
        // unknown VM is still a 404 before a 400.
        var (patch, nextRun, cluster, fault) = await ReadUpdateAsync(context.Request, ct);
        if (fault is not null)
        {
            return await store.GetAsync(vmId, ct) is null ? FaultResults.NotFound("VM", id) : fault;
        }

        if (await VmClusterCheck.FaultAsync(vmId, cluster, store, clusters, ct) is { } clusterFault)
        {
            return clusterFault;
        }

        if (patch.CpuPinning is { Length: > 0 } && await store.GetAsync(vmId, ct) is { } current
            && await VmPinningHostCheck.FaultAsync(current.Name, current.ClusterId, RunsOn(current, nextRun), patch.CpuPinning,
                adding: false, hosts, ct) is { } pinningFault)
        {
            return pinningFault;
        }

        var outcome = await command.RunAsync(new UpdateVm(vmId, patch, nextRun, ApiCaller.Of(context)), ct);
        if (!outcome.Result.Succeeded)
        {
            return outcome.Result.ToFaultResult();
        }

        var stored = outcome.Vm ?? throw new InvalidOperationException($"The update of VM {vmId} succeeded without a VM.");
        var result = new NodeResult(VmRepresentation.ToNode(stored));
        if (outcome.HotSet is { } hotSet)
        {
            result.Headers[HotSetHeader.Name] = HotSetHeader.Format(hotSet);
        }

        return result;
    }

    private static async Task<IResult> RemoveAsync(string id, HttpContext context, RemoveVmCommand command,
        CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var vmId))
        {
            return FaultResults.NotFound("VM", id);
        }

        var result = await command.RunAsync(new VmAction(vmId, ApiCaller.Of(context)), ct);
        return result.Succeeded ? new NodeResult(new Node("action").Add("status", "complete")) : result.ToFaultResult();
    }

    private static async Task<(VmPatch Patch, bool NextRun, Node? Cluster, IResult? Fault)> ReadUpdateAsync(
        HttpRequest request, CancellationToken ct)
    {
        if (QueryFlags.Read(request, "next_run") is not { } nextRun)
        {
            return (new VmPatch(), false, null, FaultResults.BadRequest("next_run takes true or false."));
        }

        var (node, fault) = await ApiInput.ReadAsync(request, VmInput.Shape, ct);
        if (node is null)
        {
            return (new VmPatch(), false, null, fault!);
        }

        var errors = new InputErrors();
        var patch = VmInput.ToPatch(node, errors);
        return (patch, nextRun, node.Child("cluster"), errors.Any ? errors.ToFault() : null);
    }

    /// <summary>
    /// The host whose CPUs a pinning change must fit: the one the VM runs on, unless the change waits for the next
    /// start (then the VM may start on any host of its cluster).
    /// </summary>
    private static Guid? RunsOn(Vm vm, bool nextRun) => vm.Status != VmStatus.Down && !nextRun ? vm.RunOnHostId : null;

    internal static async Task<Vm?> Find(string id, IVmStore store, CancellationToken ct) =>
        Guid.TryParse(id, out var guid) ? await store.GetAsync(guid, ct) : null;
}
