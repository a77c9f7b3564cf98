using Hotset.Engine.Api.Representations;
using Hotset.Engine.Auth.Permissions;
using Hotset.Engine.Commands;
using Hotset.Engine.Vms;
using Hotset.Engine.Vms.Commands;

namespace Hotset.Engine.Api.Vms;

/// <summary>
/// <c>POST /vms/{id}/start|stop|shutdown|reboot</c> with an <c>&lt;action/&gt;</c> body (optional <c>reason</c>):
/// 200 <c>&lt;action&gt;&lt;status&gt;complete&lt;/status&gt;&lt;/action&gt;</c>, or a fault.
/// </summary>
public static class VmActionEndpoints
{
    public static IReadOnlyList<string> Actions { get; } = ["start", "stop", "shutdown", "reboot"];

    private static readonly InputShape Shape = new("action")
    {
        "reason", "async", "force", "pause", "use_cloud_init", "use_sysprep", "volatile", "status",
        new InputShape("vm") { "name", new InputShape("os") { "type", "kernel", "initrd", "cmdline" } },
    };

    public static IEndpointRouteBuilder MapVmActions(this IEndpointRouteBuilder vms)
    {
        vms.MapPost("/{id}/start", (string id, HttpContext c, IVmStore s, StartVmCommand v, CancellationToken ct) =>
            RunAsync(id, c, s, v.RunAsync, ct)).WithSummary("Start the VM (applies a pending next-run configuration).")
            .RequireOnVm(ActionGroup.OperateVm);
        vms.MapPost("/{id}/stop", (string id, HttpContext c, IVmStore s, StopVmCommand v, CancellationToken ct) =>
            RunAsync(id, c, s, v.RunAsync, ct)).WithSummary("Power the VM off now.").RequireOnVm(ActionGroup.OperateVm);
        vms.MapPost("/{id}/shutdown", (string id, HttpContext c, IVmStore s, ShutdownVmCommand v, CancellationToken ct) =>
            RunAsync(id, c, s, v.RunAsync, ct)).WithSummary("Ask the guest to shut down.").RequireOnVm(ActionGroup.OperateVm);
        vms.MapPost("/{id}/reboot", (string id, HttpContext c, IVmStore s, RebootVmCommand v, CancellationToken ct) =>
            RunAsync(id, c, s, v.RunAsync, ct)).WithSummary("Reboot; a cold reboot when a next-run configuration is pending.")
            .RequireOnVm(ActionGroup.OperateVm);
        return vms;
    }

    private static async Task<IResult> RunAsync(string id, HttpContext context, IVmStore store,
        Func<VmAction, CancellationToken, Task<CommandResult>> action, CancellationToken ct)
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

        var result = await action(new VmAction(vm.Id, ApiCaller.Of(context), node.Value("reason")), ct);
        return result.Succeeded
            ? new NodeResult(new Node("action").Add("status", "complete"))
            : result.ToFaultResult();
    }
}
