using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Hotset.Core.Agent;

namespace Hotset.Engine.Hosts.Agents;

/// <summary>
/// <see cref="IAgentClient"/> over HTTP: JSON-RPC 2.0 at <c>POST {address}/jsonrpc</c> with the host's secret as a
/// bearer token, a deadline per call and the current <see cref="AgentCorrelation"/> id as a header. Every failure
/// becomes an <see cref="AgentException"/>: the agent's own code and text; <see cref="AgentErrorCodes.Unreachable"/>
/// when the agent cannot be reached, does not answer in time or answers no JSON-RPC; <see cref="AgentErrorCodes.Unauthenticated"/>
/// when it refuses the secret; <see cref="AgentErrorCodes.GeneralError"/> for a result the engine cannot read. Each
/// with a sentence naming the host address.
/// </summary>
public sealed class HttpAgentClient : IAgentClient
{
    /// <summary>JSON-RPC 2.0 allows no <c>null</c> params: verbs without parameters get an empty object.</summary>
    private static readonly JsonElement NoParameters = JsonSerializer.SerializeToElement(new { });

    private static long _nextId;
    private readonly HttpClient _http;
    private readonly Uri _endpoint;
    private readonly string _secret;
    private readonly AgentClientOptions _options;
    private readonly TimeProvider _time;

    public HttpAgentClient(HttpClient http, string address, string secret, AgentClientOptions options, TimeProvider time)
    {
        _http = http;
        Address = address.TrimEnd('/');
        _endpoint = new Uri(Address + AgentMethods.Path);
        _secret = secret;
        _options = options;
        _time = time;
    }

    /// <summary>Base URL of the agent, as named in error messages.</summary>
    public string Address { get; }

    public Task<HostCapabilities> GetCapabilitiesAsync(CancellationToken ct) =>
        CallAsync<HostCapabilities>(AgentMethods.GetCapabilities, null, _options.CallTimeout, ct);

    public Task<IReadOnlyList<VmStats>> GetAllVmStatsAsync(CancellationToken ct) =>
        CallAsync<IReadOnlyList<VmStats>>(AgentMethods.GetAllVmStats, null, _options.CallTimeout, ct);

    public Task<VmStats> GetStatsAsync(string vmId, CancellationToken ct) =>
        CallAsync<VmStats>(AgentMethods.GetStats, new VmIdCall(vmId), _options.CallTimeout, ct);

    public Task CreateAsync(VmDefinition definition, CancellationToken ct) =>
        CallAsync<JsonElement>(AgentMethods.Create, new CreateVmCall(definition.VmId, definition), _options.ChangeTimeout, ct);

    public Task DestroyAsync(string vmId, CancellationToken ct) =>
        CallAsync<JsonElement>(AgentMethods.Destroy, new VmIdCall(vmId), _options.ChangeTimeout, ct);

    public Task ShutdownAsync(string vmId, int delaySeconds, CancellationToken ct) =>
        CallAsync<JsonElement>(AgentMethods.Shutdown, new ShutdownVmCall(vmId, delaySeconds), _options.ChangeTimeout, ct);

    public Task SetNumberOfCpusAsync(string vmId, int numberOfCpus, CancellationToken ct) =>
        CallAsync<JsonElement>(AgentMethods.SetNumberOfCpus, new SetNumberOfCpusCall(vmId, numberOfCpus),
            _options.ChangeTimeout, ct);

    public Task SetGuestCpusAsync(string vmId, IReadOnlyList<GuestCpuState> cpus, CancellationToken ct) =>
        CallAsync<JsonElement>(AgentMethods.SetGuestCpus, new SetGuestCpusCall(vmId, cpus), _options.ChangeTimeout, ct);

    public Task<MigrationCreateResult> MigrationCreateAsync(MigrationCreateCall call, CancellationToken ct) =>
        CallAsync<MigrationCreateResult>(AgentMethods.MigrationCreate, call, _options.ChangeTimeout, ct);

    public Task<MigrationStatus> MigrateAsync(MigrateCall call, CancellationToken ct) =>
        CallAsync<MigrationStatus>(AgentMethods.Migrate, call, _options.ChangeTimeout, ct);

    public Task<MigrationStatus> MigrateStatusAsync(string vmId, CancellationToken ct) =>
        CallAsync<MigrationStatus>(AgentMethods.MigrateStatus, new VmIdCall(vmId), _options.CallTimeout, ct);

    public Task<MigrationStatus> MigrateCancelAsync(string vmId, CancellationToken ct) =>
        CallAsync<MigrationStatus>(AgentMethods.MigrateCancel, new VmIdCall(vmId), _options.ChangeTimeout, ct);

    private async Task<T> CallAsync<T>(string method, object? parameters, TimeSpan timeout, CancellationToken ct)
    {
        using var deadline = new CancellationTokenSource(timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
        var request = new JsonRpcRequest(method,
            parameters is null ? NoParameters : JsonSerializer.SerializeToElement(parameters, parameters.GetType()),
            JsonSerializer.SerializeToElement(Interlocked.Increment(ref _nextId)));
        try
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, _endpoint)
            {
                Content = JsonContent.Create(request),
            };
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _secret);
            if (AgentCorrelation.Current is { } correlationId)
            {
                message.Headers.TryAddWithoutValidation(AgentWire.CorrelationHeader, correlationId);
            }

            using var response = await _http.SendAsync(message, linked.Token);
            var reply = await ReadReplyAsync(method, response, linked.Token);
            if (reply.Error is { } error)
            {
                throw new AgentException(error.Code, error.Message);
            }

            return Convert<T>(method, reply.Result);
        }
        catch (OperationCanceledException e) when (deadline.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            throw new AgentException(AgentErrorCodes.Unreachable,
                $"The host agent at {Address} did not answer {method} within {timeout.TotalSeconds:0.#} s.", e);
        }
        catch (HttpRequestException e)
        {
            throw new AgentException(AgentErrorCodes.Unreachable,
                $"The host agent at {Address} is unreachable: {Reason(e)}", e);
        }
    }

    private async Task<JsonRpcResponse> ReadReplyAsync(string method, HttpResponseMessage response, CancellationToken ct)
    {
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw new AgentException(AgentErrorCodes.Unauthenticated,
                $"The host agent at {Address} refused the engine's credentials (HTTP {(int)response.StatusCode}); " +
                "check the secret the engine has for this host.");
        }

        try
        {
            var reply = await response.Content.ReadFromJsonAsync<JsonRpcResponse>(ct);
            if (reply is not null && (reply.Error is not null || reply.Result is not null))
            {
                return reply;
            }
        }
        catch (JsonException)
        {
            // Reported below with the HTTP status, which says more than the parser.
        }

        throw new AgentException(AgentErrorCodes.Unreachable,
            $"The host agent at {Address} sent no JSON-RPC reply to {method} (HTTP {(int)response.StatusCode}).");
    }

    private T Convert<T>(string method, JsonElement? result)
    {
        try
        {
            return result is { } element && element.Deserialize<T>() is { } value
                ? value
                : throw new JsonException("empty result");
        }
        catch (JsonException e)
        {
            throw new AgentException(AgentErrorCodes.GeneralError,
                $"The host agent at {Address} answered {method} with a result the engine cannot read: {e.Message}", e);
        }
    }

    private static string Reason(HttpRequestException e) =>
        (e.InnerException?.Message ?? e.Message).TrimEnd('.') + ".";
}
