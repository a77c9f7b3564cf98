using System.Security.Cryptography;
using System.Text;
using Hotset.Engine.Api.Representations;
using Hotset.Engine.Api.Statistics;
using Hotset.Engine.Auth.Permissions;
using Hotset.Engine.Vms;

namespace Hotset.Engine.Api.Vms;

/// <summary>
/// <c>GET /vms/{id}/statistics[/{sid}]</c>, <c>/snapshots[/{sid}]</c> and the device lists of
/// <see cref="VmSubCollections.Empty"/>, each in oVirt's shape: real where Hotset has the thing, empty where it has
/// none, 404 only for an unknown VM.
/// </summary>
public static class VmSubCollectionEndpoints
{
    public static IEndpointRouteBuilder MapVmSubCollections(this IEndpointRouteBuilder api)
    {
        var vms = api.MapGroup("/vms").WithTags("vms").RequireOnVm(ActionGroup.ReadVm);
        vms.MapGet("/{id}/statistics", async (string id, IVmStore store, VmStatistics statistics, CancellationToken ct) =>
                await VmEndpoints.Find(id, store, ct) is { } vm
                    ? new NodeResult(StatisticRepresentation.ToList(await statistics.ForAsync(vm, ct), "vm", "vms", vm.Id))
                    : FaultResults.NotFound("VM", id))
            .WithSummary("oVirt's VM statistics (memory.installed, cpu.current.guest…) plus cpu.count.guest and cpu.count.hypervisor.");
        vms.MapGet("/{id}/statistics/{statisticId}", async (string id, string statisticId, IVmStore store,
                VmStatistics statistics, CancellationToken ct) =>
            await VmEndpoints.Find(id, store, ct) is not { } vm ? FaultResults.NotFound("VM", id)
            : (await statistics.ForAsync(vm, ct)).FirstOrDefault(s => s.Id.ToString() == statisticId) is { } statistic
                ? new NodeResult(StatisticRepresentation.ToNode(statistic, "vm", "vms", vm.Id))
                : FaultResults.NotFound("statistic", statisticId))
            .WithSummary("One statistic of a VM.");
        vms.MapGet("/{id}/snapshots", async (string id, IVmStore store, CancellationToken ct) =>
                await VmEndpoints.Find(id, store, ct) is { } vm
                    ? new NodeResult(Node.Collection("snapshots", "snapshot", [ActiveSnapshot(vm)]))
                    : FaultResults.NotFound("VM", id))
            .WithSummary("The VM's snapshots: the Active VM one (Hotset takes no other snapshots).");
        vms.MapGet("/{id}/snapshots/{snapshotId}", async (string id, string snapshotId, IVmStore store, CancellationToken ct) =>
                await VmEndpoints.Find(id, store, ct) is not { } vm ? FaultResults.NotFound("VM", id)
                : ActiveSnapshotId(vm).ToString() == snapshotId ? new NodeResult(ActiveSnapshot(vm))
                : FaultResults.NotFound("snapshot", snapshotId))
            .WithSummary("The Active VM snapshot.");
        foreach (var collection in VmSubCollections.Empty)
        {
            vms.MapGet("/{id}/" + collection.Rel, async (string id, IVmStore store, CancellationToken ct) =>
                    await VmEndpoints.Find(id, store, ct) is not null
                        ? new NodeResult(Node.Collection(collection.ListName, collection.ItemName, []))
                        : FaultResults.NotFound("VM", id))
                .WithSummary($"The VM's {collection.ListName.Replace('_', ' ')} (Hotset's VMs have none).");
        }

        return api;
    }

    /// <summary>oVirt's "Active VM" snapshot: the VM as it is now, which every VM has.</summary>
    private static Node ActiveSnapshot(Vm vm)
    {
        var id = ActiveSnapshotId(vm).ToString();
        return new Node("snapshot").Attr("href", $"{ApiPaths.Root}/vms/{vm.Id}/snapshots/{id}").Attr("id", id)
            .Add("description", "Active VM")
            .Add("date", vm.CreatedAt)
            .Add("persist_memorystate", false)
            .Add("snapshot_status", "ok")
            .Add("snapshot_type", "active")
            .Add(Node.Link("vm", "vms", vm.Id));
    }

    private static Guid ActiveSnapshotId(Vm vm) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes("active-snapshot:" + vm.Id)).AsSpan(0, 16));
}
