using Hotset.Engine.Clusters;
using Hotset.Engine.Hosts;
using Hotset.Engine.Persistence.Templates;
using Hotset.Engine.Vms;
using Hotset.Engine.Vms.Commands;

namespace Hotset.Engine.Api.Vms;

/// <summary>
/// <c>POST /vms</c>: a new VM from its template (<c>Blank</c> when none is named) in its cluster (<c>Default</c> when
/// none is named), with the body's values on top; <see cref="AddVmCommand"/> checks and stores it. 201.
/// </summary>
internal static class VmAddEndpoint
{
    public static async Task<IResult> AddAsync(HttpContext context, IClusterStore clusters, ITemplateStore templates,
        IHostStore hosts, AddVmCommand command, CancellationToken ct)
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
        if (await VmPinningHostCheck.FaultAsync(configuration.Name, cluster.Id, null, configuration.CpuPinning, adding: true,
                hosts, ct) is { } pinningFault)
        {
            return pinningFault;
        }

        var outcome = await command.RunAsync(new AddVm(configuration, cluster, template.Id, ApiCaller.Of(context)), ct);
        if (outcome.Vm is not { } vm)
        {
            return outcome.Result.ToFaultResult();
        }

        var result = new NodeResult(VmRepresentation.ToNode(vm), StatusCodes.Status201Created);
        result.Headers["Location"] = $"{Representations.ApiPaths.Root}/vms/{vm.Id}";
        return result;
    }
}
