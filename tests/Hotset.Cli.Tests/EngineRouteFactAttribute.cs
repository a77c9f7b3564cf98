using Hotset.Engine.Vms.Commands;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Hotset.Cli.Tests;

/// <summary>
/// A fact that runs only when the engine maps a route containing the given segment (e.g. <c>/cpuoptions</c>): for
/// CLI features written against a wire contract before the engine side exists. Skipped with the reason otherwise,
/// so it starts running by itself once the route lands.
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
        var data = Directory.CreateTempSubdirectory("hotset-cli-routes-").FullName;
        try
        {
            using var engine = new WebApplicationFactory<UpdateVmCommand>().WithWebHostBuilder(b => b
                .UseSetting("Engine:DataDirectory", data)
                .UseSetting("ConnectionStrings:Engine", "")
                .UseSetting("Engine:AdminPassword", "routes-only")
                .UseSetting("Engine:LocalHost:Address", ""));
            _ = engine.Server;
            return [.. engine.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
                .Select(e => e.RoutePattern.RawText ?? "")];
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }
}
