using System.Text.Json;
using Hotset.Agent.Auth;
using Hotset.Core.Agent;

namespace Hotset.Agent.Rpc;

/// <summary>
/// <c>POST /jsonrpc</c>: JSON-RPC 2.0 over HTTP, single requests and batches. Protocol errors are JSON-RPC error replies
/// with HTTP 200; only a missing or wrong host secret changes the status (401).
/// </summary>
internal static partial class RpcEndpoint
{
    /// <summary>Maps the endpoint, and loads (or generates) the host secret now rather than at the first call.</summary>
    public static IEndpointConventionBuilder MapAgentRpc(this IEndpointRouteBuilder routes)
    {
        routes.ServiceProvider.GetRequiredService<AgentSecret>();
        return routes.MapPost(AgentMethods.Path, HandleAsync).AddEndpointFilter<BearerSecretFilter>();
    }

    // A verb runs to its end even when the caller hangs up: stopping half way through a hot plug helps nobody.
    // Only the agent's own shutdown cancels it.
    private static async Task HandleAsync(
        HttpContext context, RpcDispatcher dispatcher, IHostApplicationLifetime lifetime, ILogger<RpcDispatcher> logger)
    {
        var correlationId = context.Request.Headers[AgentWire.CorrelationHeader].ToString();
        using var scope = correlationId.Length > 0
            ? logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = correlationId })
            : null;

        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted);
        }
        catch (JsonException e)
        {
            LogParseError(logger, e.Message);
            await WriteAsync(context, AgentFaultFilter.Error(null, AgentErrorCodes.ParseError, $"Parse error: {e.Message}"));
            return;
        }

        using (document)
        {
            var ct = lifetime.ApplicationStopping;
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Array)
            {
                await WriteAsync(context, await dispatcher.DispatchAsync(root, ct));
                return;
            }

            if (root.GetArrayLength() == 0)
            {
                await WriteAsync(context, AgentFaultFilter.Error(null, AgentErrorCodes.InvalidRequest, "Invalid Request: an empty batch."));
                return;
            }

            var replies = new List<JsonRpcResponse>();
            foreach (var request in root.EnumerateArray())
            {
                if (await dispatcher.DispatchAsync(request, ct) is { } reply)
                {
                    replies.Add(reply);
                }
            }

            await WriteAsync(context, replies.Count == 0 ? null : replies);
        }
    }

    private static Task WriteAsync(HttpContext context, object? reply)
    {
        if (reply is null)
        {
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        }

        return context.Response.WriteAsJsonAsync(reply, reply.GetType(), AgentJson.Options, context.RequestAborted);
    }

    [LoggerMessage(EventId = 103, Level = LogLevel.Information, Message = "Refused a request that is not valid JSON: {Reason}")]
    private static partial void LogParseError(ILogger logger, string reason);
}
