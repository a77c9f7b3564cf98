using Hotset.Engine.Tests.Api;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Hotset.Client.Tests;

/// <summary>
/// A fact that runs only when the engine under test maps a route containing the given segment (e.g.
/// <c>/cpuoptions</c>), for client tests written against a wire contract before the engine side exists; skipped
/// with the reason otherwise, so it starts running by itself when the route lands.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class EngineRouteFactAttribute : FactAttribute
{
    private static readonly Lazy<IReadOnlyList<string>> Routes = new(ReadRoutes);

    public EngineRouteFactAttribute(string segment)
    {
        if (!Routes.Value.Any(r => r.Contains(segment, StringComparison.Ordinal)))
        {
            Skip = $"The engine maps no route with '{segment}' yet (see /work/contract-cpu-endpoints.md).";
        }
    }

    private static List<string> ReadRoutes()
    {
        using var app = new EngineApp();
        _ = app.Server;
        return [.. app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => e.RoutePattern.RawText ?? "")];
    }
}
