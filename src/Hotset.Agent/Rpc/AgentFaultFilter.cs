using System.Diagnostics;
using System.Text.Json;
using Hotset.Agent.Faults;
using Hotset.Agent.Operability;
using Hotset.Agent.Verbs;
using Hotset.Core.Agent;

namespace Hotset.Agent.Rpc;

/// <summary>
/// The agent's only catch site (VDSM's <c>api.method</c>): runs a verb and turns its outcome into a JSON-RPC reply.
/// Expected failures are logged once at Information without a stack; anything else is a bug, logged with its stack
/// and answered with <see cref="AgentErrorCodes.GeneralError"/>.
/// </summary>
internal sealed partial class AgentFaultFilter(AgentMetrics metrics, ILogger<AgentFaultFilter> logger)
{
    public async Task<JsonRpcResponse> InvokeAsync(IVerb verb, JsonElement? parameters, JsonElement? id, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var response = await RunAsync(verb, parameters, id, ct);
        metrics.VerbDone(verb.Method, response.Error?.Code ?? 0, Stopwatch.GetElapsedTime(started));
        return response;
    }

    private async Task<JsonRpcResponse> RunAsync(IVerb verb, JsonElement? parameters, JsonElement? id, CancellationToken ct)
    {
        try
        {
            var result = await VerbInvoker.InvokeAsync(verb, parameters, ct);
            LogSucceeded(verb.Method);
            return new JsonRpcResponse(id, JsonSerializer.SerializeToElement(result, result.GetType(), AgentJson.Options), null);
        }
        catch (AgentFaultException e)
        {
            LogExpectedFailure(verb.Method, e.Code, e.Message);
            return Error(id, e.Code, e.Message);
        }
        catch (Exception e)
        {
            LogUnexpectedFailure(e, verb.Method);
            return Error(id, AgentErrorCodes.GeneralError, $"General Exception: {verb.Method} failed unexpectedly; see the agent's log.");
        }
    }

    public static JsonRpcResponse Error(JsonElement? id, int code, string message) =>
        new(id, null, new AgentError(code, message));

    [LoggerMessage(EventId = 100, Level = LogLevel.Debug, Message = "{Verb} succeeded")]
    private partial void LogSucceeded(string verb);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "{Verb} failed with code {Code}: {Reason}")]
    private partial void LogExpectedFailure(string verb, int code, string reason);

    [LoggerMessage(EventId = 102, Level = LogLevel.Error, Message = "{Verb} failed unexpectedly")]
    private partial void LogUnexpectedFailure(Exception exception, string verb);
}
