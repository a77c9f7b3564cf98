using Hotset.Engine.Persistence.Auth;
using Microsoft.AspNetCore.Authorization;

namespace Hotset.Engine.Auth.Permissions;

/// <summary>
/// After authentication: reads the caller's permissions and checks them against the endpoint's <see cref="RouteAccess"/>
/// (none declared = SuperUser only). A refusal is 403 with oVirt's fault; an unknown VM and a VM the caller may not
/// see answer alike, so ids cannot be probed.
/// </summary>
internal sealed partial class PermissionMiddleware(RequestDelegate next, IPermissionStore permissions,
    ILogger<PermissionMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        if (endpoint is null || endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null
            || context.User.Identity is not { IsAuthenticated: true, Name: { } userName })
        {
            await next(context);
            return;
        }

        var access = new UserAccess(userName, await permissions.ListOfUserAsync(userName, context.RequestAborted));
        access.AttachTo(context);
        var rule = endpoint.Metadata.GetMetadata<RouteAccess>();
        var vmId = rule is { Scope: AccessScope.Vm } && Guid.TryParse(context.GetRouteValue(rule.VmRouteValue) as string, out var id)
            ? id
            : (Guid?)null;
        if (access.Allows(rule, vmId))
        {
            await next(context);
            return;
        }

        LogDenied(userName, context.Request.Method, context.Request.Path, rule?.ToString() ?? "SuperUser (no declaration)");
        await AccessFaults.Denied(userName, rule).ExecuteAsync(context);
    }

    [LoggerMessage(1111, LogLevel.Information, "Denied {User}: {Method} {Path} needs {Needs}")]
    private partial void LogDenied(string user, string method, string path, string needs);
}
