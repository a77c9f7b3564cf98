using System.Net;
using System.Text.Json.Nodes;
using Hotset.Engine.Clusters;
using Hotset.Engine.Hosts;
using Hotset.Engine.Tests.Api;
using Microsoft.Extensions.DependencyInjection;
using Host = Hotset.Engine.Hosts.Host;

namespace Hotset.Engine.Tests.Operability;

/// <summary><c>/health/live</c> and <c>/health/ready</c> of the engine: anonymous, and ready means the database answers.</summary>
public sealed class HealthEndpointsTests : IDisposable
{
    private readonly EngineApp _app = new(dataDirectory: Directory.CreateTempSubdirectory("hotset-health-").FullName);

    public void Dispose()
    {
        _app.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_app.DataDirectory))
        {
            Directory.Delete(_app.DataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task Live_NoCredentials_200Healthy()
    {
        using var client = _app.CreateClient();

        var (status, body) = await GetAsync(client, "/health/live");

        Assert.Equal((HttpStatusCode.OK, "Healthy"), (status, (string?)body["status"]));
    }

    [Fact]
    public async Task Ready_DatabaseAnswersNoHost_200Healthy()
    {
        using var client = _app.CreateClient();

        var (status, body) = await GetAsync(client, "/health/ready");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", (string?)body["checks"]!["database"]!["status"]);
        Assert.Equal("Healthy", (string?)body["status"]);
    }

    [Fact]
    public async Task Ready_HostNotResponsive_200DegradedWithTheHostsListed()
    {
        using var client = _app.CreateClient();
        var hosts = _app.Services.GetRequiredService<IHostStore>();
        // Nothing answers on port 1, so monitoring keeps h-lost NonResponsive; it never polls a host in maintenance.
        await hosts.AddAsync(NewHost("h-maint", HostStatus.Maintenance), default);
        await hosts.AddAsync(NewHost("h-lost", HostStatus.NonResponsive), default);

        var (status, body) = await GetAsync(client, "/health/ready");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Degraded", (string?)body["status"]);
        var check = body["checks"]!["hosts"]!;
        Assert.Equal(("maintenance", "non_responsive"), ((string?)check["data"]!["h-maint"], (string?)check["data"]!["h-lost"]));
        Assert.EndsWith("Not up: h-lost.", (string?)check["description"], StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", body.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ready_DatabaseDirectoryRemoved_503DatabaseUnhealthyWithoutThePath()
    {
        using var client = _app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, "/health/ready")).Status);

        Directory.Delete(_app.DataDirectory, recursive: true);
        var (status, body) = await GetAsync(client, "/health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Unhealthy", (string?)body["status"]);
        Assert.Equal("Unhealthy", (string?)body["checks"]!["database"]!["status"]);
        Assert.DoesNotContain(_app.DataDirectory, body.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, "/health/live")).Status);
    }

    private static Host NewHost(string name, HostStatus status) => new()
    {
        Id = Guid.NewGuid(),
        Name = name,
        ClusterId = Cluster.DefaultId,
        Address = "http://127.0.0.1:1",
        Secret = "s3cret",
        Status = status,
    };

    private static async Task<(HttpStatusCode Status, JsonObject Body)> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonNode.Parse(text)!.AsObject());
    }
}
