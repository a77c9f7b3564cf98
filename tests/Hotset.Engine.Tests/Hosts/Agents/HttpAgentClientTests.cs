using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Hotset.Core.Agent;
using Hotset.Engine.Hosts.Agents;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Hotset.Engine.Tests.Hosts.Agents;

/// <summary><see cref="HttpAgentClient"/> against a real HTTP server that answers as the agent does.</summary>
public sealed class HttpAgentClientTests : IAsyncLifetime
{
    private WebApplication? _server;
    private string _address = "";
    private readonly List<(string Method, JsonElement Params, string? Auth, string? Correlation)> _received = [];

    /// <summary>What the server answers; by default an empty result.</summary>
    private Func<string, JsonElement, Task<object>> _answer = (_, _) => Task.FromResult<object>(new { result = new { } });

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _server = builder.Build();
        _server.MapPost(AgentMethods.Path, async (HttpContext http) =>
        {
            if (http.Request.Headers.Authorization != "Bearer s3cret")
            {
                http.Response.StatusCode = 401;
                return Results.Json(new { jsonrpc = "2.0", id = (object?)null, error = new { code = -32001, message = "no" } });
            }

            var request = await JsonDocument.ParseAsync(http.Request.Body);
            var root = request.RootElement;
            var method = root.GetProperty("method").GetString()!;
            var parameters = root.TryGetProperty("params", out var p) ? p.Clone() : default;
            lock (_received)
            {
                _received.Add((method, parameters, http.Request.Headers.Authorization,
                    http.Request.Headers[AgentWire.CorrelationHeader].FirstOrDefault()));
            }

            var answer = await _answer(method, parameters);
            var reply = JsonSerializer.SerializeToElement(answer);
            var merged = new Dictionary<string, object?> { ["jsonrpc"] = "2.0", ["id"] = root.GetProperty("id").Clone() };
            foreach (var property in reply.EnumerateObject())
            {
                merged[property.Name] = property.Value.Clone();
            }

            return Results.Json(merged);
        });
        await _server.StartAsync();
        _address = _server.Urls.Single();
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private HttpAgentClient Client(string? secret = null, string? address = null, TimeSpan? timeout = null) => new(
        new HttpClient(), address ?? _address, secret ?? "s3cret",
        new AgentClientOptions { CallTimeout = timeout ?? TimeSpan.FromSeconds(10) }, TimeProvider.System);

    [Fact]
    public async Task SetNumberOfCpusAsync_SendsJsonRpcWithSecretAndCorrelationId()
    {
        using (AgentCorrelation.Begin("corr-42"))
        {
            await Client().SetNumberOfCpusAsync("vm-1", 4, default);
        }

        var call = Assert.Single(_received);
        Assert.Equal("VM.setNumberOfCpus", call.Method);
        Assert.Equal("vm-1", call.Params.GetProperty("vmID").GetString());
        Assert.Equal(4, call.Params.GetProperty("numberOfCpus").GetInt32());
        Assert.Equal(("Bearer s3cret", "corr-42"), (call.Auth, call.Correlation));
    }

    [Fact]
    public async Task GetAllVmStatsAsync_VerbWithoutParameters_SendsEmptyParamsObject()
    {
        _answer = (_, _) => Task.FromResult<object>(new { result = Array.Empty<object>() });

        await Client().GetAllVmStatsAsync(default);

        Assert.Equal(JsonValueKind.Object, Assert.Single(_received).Params.ValueKind);
    }

    [Fact]
    public async Task GetAllVmStatsAsync_ReadsTheResult()
    {
        _answer = (_, _) => Task.FromResult<object>(new
        {
            result = new[] { new { vmId = "vm-1", status = "Up", vcpuCount = 2, guestCPUCount = 2 } },
        });

        var stats = await Client().GetAllVmStatsAsync(default);

        Assert.Equal(("vm-1", "Up", 2, 2), (stats[0].VmId, stats[0].Status, stats[0].VcpuCount, stats[0].GuestCpuCount));
    }

    [Fact]
    public async Task SetNumberOfCpusAsync_AgentError_CodeAndTextOfTheAgent()
    {
        _answer = (_, _) => Task.FromResult<object>(new { error = new { code = 1500, message = "Hook Error: exit 1" } });

        var e = await Assert.ThrowsAsync<AgentException>(() => Client().SetNumberOfCpusAsync("vm-1", 2, default));

        Assert.Equal((1500, "Hook Error: exit 1"), (e.Code, e.Message));
    }

    [Fact]
    public async Task Call_WrongSecret_SaysSo()
    {
        var e = await Assert.ThrowsAsync<AgentException>(() => Client(secret: "wrong").GetCapabilitiesAsync(default));

        Assert.Equal(AgentErrorCodes.Unauthenticated, e.Code);
        Assert.Contains("refused the engine's credentials (HTTP 401)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_NothingListens_HostUnreachableNamingTheAddress()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var address = $"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}";
        probe.Stop();

        var e = await Assert.ThrowsAsync<AgentException>(() => Client(address: address).GetAllVmStatsAsync(default));

        Assert.Equal(AgentErrorCodes.Unreachable, e.Code);
        Assert.StartsWith($"The host agent at {address} is unreachable: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_AgentTooSlow_DeadlineNamesMethodAndAddress()
    {
        _answer = async (_, _) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(5));
            return new { result = new { } };
        };

        var e = await Assert.ThrowsAsync<AgentException>(
            () => Client(timeout: TimeSpan.FromMilliseconds(200)).GetAllVmStatsAsync(default));

        Assert.Equal(AgentErrorCodes.Unreachable, e.Code);
        Assert.Equal($"The host agent at {_address} did not answer Host.getAllVmStats within 0.2 s.", e.Message);
    }
}
