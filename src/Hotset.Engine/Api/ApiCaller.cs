using Hotset.Engine.Vms;

namespace Hotset.Engine.Api;

/// <summary>Who makes this request and under which correlation id (oVirt's <c>Correlation-Id</c> header).</summary>
public static class ApiCaller
{
    internal const string CorrelationItem = "Hotset.CorrelationId";

    public static Caller Of(HttpContext context) =>
        new(context.User.Identity?.Name ?? "anonymous", context.Items[CorrelationItem] as string);
}
