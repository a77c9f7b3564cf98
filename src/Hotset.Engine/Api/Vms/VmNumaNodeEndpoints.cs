using Hotset.Engine.Api.Representations;
using Hotset.Engine.Auth.Permissions;
using Hotset.Engine.Vms;
using Hotset.Engine.Vms.Commands;

namespace Hotset.Engine.Api.Vms;

/// <summary>
/// <c>/vms/{id}/numanodes[/{nid}]</c>: the VM's vNUMA cells in oVirt's shape — list, add, get, update, remove. A
/// change is checked as a whole against <see cref="VmNumaRules"/> (SPEC §4's texts); a refused change changes nothing.
/// The cells reach QEMU when the VM starts (and a migration's destination, which starts from the same definition).
/// </summary>
public static class VmNumaNodeEndpoints
{
    public static IEndpointRouteBuilder MapVmNumaNodes(this IEndpointRouteBuilder vms)
    {
        vms.MapGet("/{id}/numanodes", async (string id, IVmStore store, CancellationToken ct) =>
                await VmEndpoints.Find(id, store, ct) is { } vm
                    ? new NodeResult(VmNumaNodeRepresentation.ToList(vm))
                    : FaultResults.NotFound("VM", id))
            .WithSummary("The VM's virtual NUMA nodes.").RequireOnVm(ActionGroup.ReadVm);
        vms.MapGet("/{id}/numanodes/{nid}", async (string id, string nid, IVmStore store, CancellationToken ct) =>
                await VmEndpoints.Find(id, store, ct) is not { } vm ? FaultResults.NotFound("VM", id)
                : Find(vm, nid) is { } node ? new NodeResult(VmNumaNodeRepresentation.ToNode(vm, node))
                : FaultResults.NotFound("NUMA node", nid))
            .WithSummary("One virtual NUMA node of the VM.").RequireOnVm(ActionGroup.ReadVm);
        vms.MapPost("/{id}/numanodes", AddAsync)
            .WithSummary("Add a virtual NUMA node (index, memory in MB, cpu/cores); only while the VM is down.")
            .RequireOnVm(ActionGroup.EditVm);
        vms.MapPut("/{id}/numanodes/{nid}", UpdateAsync)
            .WithSummary("Change a virtual NUMA node; only the elements present change; only while the VM is down.")
            .RequireOnVm(ActionGroup.EditVm);
        vms.MapDelete("/{id}/numanodes/{nid}", RemoveAsync)
            .WithSummary("Remove a virtual NUMA node; only while the VM is down.").RequireOnVm(ActionGroup.EditVm);
        return vms;
    }

    private static Task<IResult> AddAsync(string id, HttpRequest request, IVmStore store, VmLocks locks, CancellationToken ct) =>
        ChangeAsync(id, null, request, store, locks, ct);

    private static Task<IResult> UpdateAsync(string id, string nid, HttpRequest request, IVmStore store, VmLocks locks,
        CancellationToken ct) => ChangeAsync(id, nid, request, store, locks, ct);

    private static async Task<IResult> RemoveAsync(string id, string nid, IVmStore store, VmLocks locks, CancellationToken ct)
    {
        if (await VmEndpoints.Find(id, store, ct) is not { } found)
        {
            return FaultResults.NotFound("VM", id);
        }

        using var lease = locks.TryAcquire(found.Id);
        if (lease is null)
        {
            return FaultResults.Fault(Core.Vms.VmFaults.VmBeingUpdated(found.Name));
        }

        var vm = await store.GetAsync(found.Id, ct) ?? found;
        if (Find(vm, nid) is not { } node)
        {
            return FaultResults.NotFound("NUMA node", nid);
        }

        var faults = VmNumaRules.Validate(vm, [.. vm.NumaNodes.Where(n => n.Id != node.Id)]);
        if (faults.Count > 0)
        {
            return faults.ToFaultResult();
        }

        await store.UpdateAsync(vm with { NumaNodes = [.. vm.NumaNodes.Where(n => n.Id != node.Id)] }, ct);
        return new NodeResult(new Node("action").Add("status", "complete"));
    }

    private static async Task<IResult> ChangeAsync(string id, string? nid, HttpRequest request, IVmStore store,
        VmLocks locks, CancellationToken ct)
    {
        if (await VmEndpoints.Find(id, store, ct) is not { } found)
        {
            return FaultResults.NotFound("VM", id);
        }

        if (nid is not null && Find(found, nid) is null)
        {
            return FaultResults.NotFound("NUMA node", nid);
        }

        var (body, fault) = await ApiInput.ReadAsync(request, VmNumaNodeInput.Shape, ct);
        if (body is null)
        {
            return fault!;
        }

        using var lease = locks.TryAcquire(found.Id);
        if (lease is null)
        {
            return FaultResults.Fault(Core.Vms.VmFaults.VmBeingUpdated(found.Name));
        }

        var vm = await store.GetAsync(found.Id, ct) ?? found;
        var existing = nid is null ? null : Find(vm, nid);
        if (nid is not null && existing is null)
        {
            return FaultResults.NotFound("NUMA node", nid);
        }

        var others = vm.NumaNodes.Where(n => n.Id != existing?.Id).ToList();
        var errors = new InputErrors();
        var node = VmNumaNodeInput.Apply(body, existing, others, errors);
        if (errors.Any)
        {
            return errors.ToFault();
        }

        var nodes = others.Append(node).OrderBy(n => n.Index).ToList();
        var faults = VmNumaRules.Validate(vm, nodes);
        if (faults.Count > 0)
        {
            return faults.ToFaultResult();
        }

        var stored = await store.UpdateAsync(vm with { NumaNodes = nodes }, ct);
        if (nid is not null)
        {
            return new NodeResult(VmNumaNodeRepresentation.ToNode(stored, node));
        }

        var created = new NodeResult(VmNumaNodeRepresentation.ToNode(stored, node), StatusCodes.Status201Created);
        created.Headers["Location"] = $"{ApiPaths.Root}/vms/{vm.Id}/numanodes/{node.Id}";
        return created;
    }

    private static VmNumaNode? Find(Vm vm, string nid) =>
        Guid.TryParse(nid, out var nodeId) ? vm.NumaNodes.FirstOrDefault(n => n.Id == nodeId) : null;
}
