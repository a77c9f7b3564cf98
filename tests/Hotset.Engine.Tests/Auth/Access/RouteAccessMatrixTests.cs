using System.Net;
using Hotset.Engine.Auth.Permissions;
using Hotset.Engine.Tests.Api;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Hotset.Engine.Tests.Auth.Access;

/// <summary>
/// Every API route of the running engine (read from its <see cref="EndpointDataSource"/>) × every kind of caller,
/// against the expected matrix below. A route added later fails here until it declares what it needs and gets a row.
/// </summary>
public sealed class RouteAccessMatrixTests : IAsyncLifetime
{
    /// <summary>
    /// Who may call each route: S = SuperUser (admin@internal), R = ReadOnlyAdmin on the system, M = UserVmManager on
    /// VM A asking about VM A, O = the same user asking about VM B, N = a user with no permission at all.
    /// "Allowed" means the request reached its handler (any answer but 403); the rest must be 403 with a fault.
    /// </summary>
    private static readonly Dictionary<string, string> Expected = new()
    {
        ["GET /ovirt-engine/api/"] = "SRMON",
        ["GET /ovirt-engine/api/vms/"] = "SRMON",
        ["GET /ovirt-engine/api/vms/{id}"] = "SRM",
        ["POST /ovirt-engine/api/vms/"] = "S",
        ["PUT /ovirt-engine/api/vms/{id}"] = "SM",
        ["DELETE /ovirt-engine/api/vms/{id}"] = "S",
        ["POST /ovirt-engine/api/vms/{id}/start"] = "SM",
        ["POST /ovirt-engine/api/vms/{id}/stop"] = "SM",
        ["POST /ovirt-engine/api/vms/{id}/shutdown"] = "SM",
        ["POST /ovirt-engine/api/vms/{id}/reboot"] = "SM",
        ["POST /ovirt-engine/api/vms/{id}/migrate"] = "S",
        ["POST /ovirt-engine/api/vms/{id}/cancelmigration"] = "S",
        ["GET /ovirt-engine/api/vms/{id}/cpuoptions"] = "SRM",
        ["GET /ovirt-engine/api/vms/{id}/vcpus"] = "SRM",
        ["GET /ovirt-engine/api/vms/{id}/permissions/"] = "SRM",
        ["GET /ovirt-engine/api/vms/{id}/permissions/{pid}"] = "SRM",
        ["POST /ovirt-engine/api/vms/{id}/permissions/"] = "S",
        ["DELETE /ovirt-engine/api/vms/{id}/permissions/{pid}"] = "S",
        ["GET /ovirt-engine/api/hosts/"] = "SR",
        ["GET /ovirt-engine/api/hosts/{id}"] = "SR",
        ["POST /ovirt-engine/api/hosts/"] = "S",
        ["DELETE /ovirt-engine/api/hosts/{id}"] = "S",
        ["GET /ovirt-engine/api/clusters/"] = "SR",
        ["GET /ovirt-engine/api/clusters/{id}"] = "SR",
        ["PUT /ovirt-engine/api/clusters/{id}"] = "S",
        ["GET /ovirt-engine/api/templates/"] = "SR",
        ["GET /ovirt-engine/api/templates/{id}"] = "SR",
        ["GET /ovirt-engine/api/events"] = "SR",
        ["GET /ovirt-engine/api/hotset/config/"] = "SR",
        ["PUT /ovirt-engine/api/hotset/config/"] = "S",
        ["DELETE /ovirt-engine/api/hotset/config/"] = "S",
        ["GET /ovirt-engine/api/operatingsystems"] = "SRMON",
        ["GET /ovirt-engine/api/operatingsystems/{id}"] = "SRMON",
        ["GET /ovirt-engine/api/datacenters/"] = "SR",
        ["GET /ovirt-engine/api/datacenters/{id}"] = "SR",
        ["GET /ovirt-engine/api/datacenters/{id}/clusters"] = "SR",
        ["GET /ovirt-engine/api/hosts/{id}/statistics"] = "SR",
        ["GET /ovirt-engine/api/vms/{id}/statistics"] = "SRM",
        ["GET /ovirt-engine/api/vms/{id}/statistics/{statisticId}"] = "SRM",
        ["GET /ovirt-engine/api/vms/{id}/numanodes"] = "SRM",
        ["GET /ovirt-engine/api/vms/{id}/numanodes/{nid}"] = "SRM",
        ["POST /ovirt-engine/api/vms/{id}/numanodes"] = "SM",
        ["PUT /ovirt-engine/api/vms/{id}/numanodes/{nid}"] = "SM",
        ["DELETE /ovirt-engine/api/vms/{id}/numanodes/{nid}"] = "SM",
        ["POST /ovirt-engine/api/vms/{id}/guestcpus"] = "SM",
        ["GET /ovirt-engine/api/vms/{id}/snapshots"] = "SRM",
        ["GET /ovirt-engine/api/vms/{id}/snapshots/{snapshotId}"] = "SRM",
        ["GET /ovirt-engine/api/vms/{id}/nics"] = "SRM",
        ["GET /ovirt-engine/api/vms/{id}/diskattachments"] = "SRM",
        ["GET /ovirt-engine/api/vms/{id}/cdroms"] = "SRM",
        ["GET /ovirt-engine/api/vms/{id}/watchdogs"] = "SRM",
        ["GET /ovirt-engine/api/vms/{id}/graphicsconsoles"] = "SRM",
        ["GET /ovirt-engine/api/vms/{id}/hostdevices"] = "SRM",
        ["GET /ovirt-engine/api/vms/{id}/reporteddevices"] = "SRM",
        ["GET /ovirt-engine/api/users/"] = "SR",
        ["GET /ovirt-engine/api/users/{id}"] = "SR",
        ["POST /ovirt-engine/api/users/"] = "S",
        ["DELETE /ovirt-engine/api/users/{id}"] = "S",
        ["GET /ovirt-engine/api/roles/"] = "SRMON",
        ["GET /ovirt-engine/api/roles/{id}"] = "SRMON",
        ["GET /ovirt-engine/api/permissions/"] = "SR",
        ["GET /ovirt-engine/api/permissions/{pid}"] = "SR",
        ["POST /ovirt-engine/api/permissions/"] = "S",
        ["DELETE /ovirt-engine/api/permissions/{pid}"] = "S",
    };

    private readonly EngineApp _app = new();
    private string _vmA = "";
    private string _vmB = "";

    public async Task InitializeAsync()
    {
        using var admin = _app.Admin();
        _vmA = await admin.AddVmAsync("vm-a");
        _vmB = await admin.AddVmAsync("vm-b");
        await admin.GrantAsync(await admin.AddUserAsync("manager"), "UserVmManager", _vmA);
        await admin.GrantAsync(await admin.AddUserAsync("reader"), "ReadOnlyAdmin", null);
        await admin.AddUserAsync("nobody");
    }

    public Task DisposeAsync()
    {
        _app.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public void EveryApiRoute_DeclaresWhatItNeeds()
    {
        var undeclared = Routes().Where(r => r.Access is null).Select(r => r.Key).ToList();
        Assert.True(undeclared.Count == 0, "Routes without .RequireAnyUser/.RequireOnSystem/.RequireOnVm: " + string.Join(", ", undeclared));
    }

    [Fact]
    public void Matrix_HasExactlyOneRowPerRoute()
    {
        var routes = Routes().Select(r => r.Key).ToHashSet();
        Assert.True(routes.Count >= 40, $"only {routes.Count} API routes found");
        var missing = routes.Except(Expected.Keys).Order().ToList();
        var stale = Expected.Keys.Except(routes).Order().ToList();
        Assert.True(missing.Count == 0, "Routes with no row in the expected matrix: " + string.Join(", ", missing));
        Assert.True(stale.Count == 0, "Rows for routes that do not exist: " + string.Join(", ", stale));
    }

    [Fact]
    public async Task EveryRoute_EveryCaller_AllowedOrDeniedAsExpected()
    {
        // SuperUser last, and its DELETE /vms/{id} last of all: the only probe that changes anything.
        var callers = new[] { ('N', "nobody"), ('O', "manager"), ('R', "reader"), ('M', "manager"), ('S', "admin") };
        var wrong = new List<string>();
        foreach (var (column, principal) in callers)
        {
            using var client = principal == "admin" ? _app.Admin("application/xml") : _app.As(principal);
            foreach (var route in Routes().OrderBy(r => r.Method == "DELETE"))
            {
                var path = route.Pattern
                    .Replace("/vms/{id}", "/vms/" + (column == 'O' ? _vmB : _vmA), StringComparison.Ordinal)
                    .Replace("{id}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
                    .Replace("{pid}", Guid.NewGuid().ToString(), StringComparison.Ordinal);
                // A body no handler accepts: an allowed request is refused by its handler (400) and changes nothing.
                using var request = new HttpRequestMessage(new HttpMethod(route.Method), path) { Content = ApiClient.Xml("<probe/>") };
                using var response = await client.SendAsync(request);
                var allowed = response.StatusCode != HttpStatusCode.Forbidden;
                var expected = Expected.TryGetValue(route.Key, out var who) && who.Contains(column, StringComparison.Ordinal);
                if (allowed != expected)
                {
                    wrong.Add($"{column} {route.Key}: {(int)response.StatusCode}, expected {(expected ? "allowed" : "403")}");
                }
                else if (!allowed)
                {
                    Assert.Contains(AccessFaults.NotAuthorized, await response.FaultDetailAsync(), StringComparison.Ordinal);
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    private IEnumerable<(string Key, string Method, string Pattern, RouteAccess? Access)> Routes()
    {
        _ = _app.Server;
        foreach (var endpoint in _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            {
                continue;
            }

            var pattern = endpoint.RoutePattern.RawText!;
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                yield return ($"{method} {pattern}", method, pattern, endpoint.Metadata.GetMetadata<RouteAccess>());
            }
        }
    }
}
