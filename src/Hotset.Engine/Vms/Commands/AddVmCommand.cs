using Hotset.Core.Config;
using Hotset.Core.Faults;
using Hotset.Core.Os;
using Hotset.Core.Vms;
using Hotset.Engine.Audit;
using Hotset.Engine.Clusters;
using Hotset.Engine.Commands;
using Hotset.Engine.Persistence.Config;

namespace Hotset.Engine.Vms.Commands;

/// <summary>
/// oVirt AddVm: a new, Down VM in its cluster; the CPU rules of the cluster apply (SPEC §4), with oVirt's "Cannot add
/// VM." in place of "Cannot edit VM.". Event 34.
/// </summary>
public sealed class AddVmCommand(IVmStore vms, IAuditLog audit, IEngineConfigProvider config, TimeProvider clock)
{
    private const string AddPrefix = "Cannot add VM.";

    public static IReadOnlyList<Fault> Validate(VmConfiguration configuration, Cluster cluster, EngineConfig config)
    {
        var context = new VmCpuUpdateContext
        {
            VmName = configuration.Name,
            Current = configuration.Topology,
            Requested = configuration.Topology,
            Status = VmStatus.Down,
            Limits = config.LimitsFor(cluster.Version, cluster.Architecture),
            Os = OsRepository.Default.FindOrOther(configuration.OsType),
            PinningPolicy = configuration.CpuPinningPolicy,
            CpuPinning = configuration.CpuPinning,
            Version = cluster.Version,
            Architecture = cluster.Architecture,
            Chipset = configuration.Chipset,
        };
        return [.. VmUpdateValidation.Validate(context)
            .Select(f => f with { Message = f.Message.Replace(VmFaults.EditPrefix, AddPrefix, StringComparison.Ordinal) })];
    }

    public async Task<AddVmOutcome> RunAsync(AddVm request, CancellationToken ct)
    {
        var faults = Validate(request.Configuration, request.Cluster, await config.GetAsync(ct));
        if (faults.Count > 0)
        {
            return new(CommandResult.Fail(faults), null);
        }

        var vm = new Vm
        {
            Id = Guid.NewGuid(),
            ClusterId = request.Cluster.Id,
            TemplateId = request.TemplateId,
            Configuration = request.Configuration,
            CreatedAt = clock.GetUtcNow(),
        };
        try
        {
            await vms.AddAsync(vm, ct);
        }
        catch (DuplicateNameException)
        {
            return new(CommandResult.Fail(VmActionFaults.AddNameInUse()), null);
        }

        await audit.AddAsync(VmEvents.Created(vm, request.Caller), ct);
        return new(CommandResult.Ok, vm);
    }
}
