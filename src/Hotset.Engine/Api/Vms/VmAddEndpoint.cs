using Hotset.Core.Faults;
using Hotset.Core.Os;
using Hotset.Core.Vms;
using Hotset.Engine.Audit;
using Hotset.Engine.Clusters;
using Hotset.Engine.Persistence.Config;
using Hotset.Engine.Persistence.Templates;
using Hotset.Engine.Vms;

namespace Hotset.Engine.Api.Vms;

/// <summary>
/// <c>POST /vms</c>: a new VM from its template (<c>Blank</c> when none is named) in its cluster (<c>Default</c> when
/// none is named), with the body's values on top; the CPU rules of the cluster apply (SPEC §4). 201 and event 34.
/// </summary>
internal static class VmAddEndpoint
{
    private const string AddPrefix = "Cannot add VM.";

    public static async Task<IResult> AddAsync(HttpContext context, IVmStore vms, IClusterStore clusters,
        ITemplateStore templates, IEngineConfigProvider config, IAuditLog audit, TimeProvider clock, CancellationToken ct)
    {
        var (node, fault) = await ApiInput.ReadAsync(context.Request, VmInput.Shape, ct);
        if (node is null)
        {
            return fault!;
        }

        var errors = new InputErrors();
        var patch = VmInput.ToPatch(node, errors);
        if (string.IsNullOrEmpty(patch.Name))
        {
            errors.Add("A new VM needs a <name>.");
        }

        var cluster = await References.ClusterAsync(node.Child("cluster"), clusters, errors, ct);
        var template = await References.TemplateAsync(node.Child("template"), templates, errors, ct);
        if (errors.Any || cluster is null || template is null)
        {
            return errors.ToFault();
        }

        var configuration = patch.ApplyTo(template.Configuration with { Name = patch.Name!, Description = "" });
        var faults = Validate(configuration, cluster, await config.GetAsync(ct));
        if (faults.Count > 0)
        {
            return faults.ToFaultResult();
        }

        var vm = new Vm
        {
            Id = Guid.NewGuid(),
            ClusterId = cluster.Id,
            TemplateId = template.Id,
            Configuration = configuration,
            CreatedAt = clock.GetUtcNow(),
        };
        try
        {
            await vms.AddAsync(vm, ct);
        }
        catch (DuplicateNameException)
        {
            return FaultResults.Fault(new("VM_NAME_IN_USE", FaultKind.Conflict,
                $"{AddPrefix} The VM name is already in use, please choose a unique name and try again."));
        }

        var caller = ApiCaller.Of(context);
        await audit.AddAsync(new AuditEvent
        {
            Code = 34,
            Severity = AuditSeverity.Normal,
            Message = $"VM {vm.Name} was created by {caller.UserName}.",
            VmId = vm.Id,
            ClusterId = cluster.Id,
            UserName = caller.UserName,
            CorrelationId = caller.CorrelationId,
        }, ct);
        var result = new NodeResult(VmRepresentation.ToNode(vm), StatusCodes.Status201Created);
        result.Headers["Location"] = $"{Representations.ApiPaths.Root}/vms/{vm.Id}";
        return result;
    }

    /// <summary>The CPU rules for a VM that is down, with oVirt's "Cannot add VM." in place of "Cannot edit VM.".</summary>
    internal static IReadOnlyList<Fault> Validate(VmConfiguration configuration, Cluster cluster, Core.Config.EngineConfig config)
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
}
