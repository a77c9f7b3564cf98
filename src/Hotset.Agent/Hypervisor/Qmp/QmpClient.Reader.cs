using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hotset.Agent.Hypervisor.Qmp;

public sealed partial class QmpClient
{
    // One reader: events are published before the reply that follows them completes its command.
    private async Task ReadLoopAsync()
    {
        var reason = $"QEMU closed the QMP socket {_path} (QEMU exited or another client took over).";
        try
        {
            while (await _reader.ReadLineAsync() is { } line)
            {
                Dispatch(line, _time.GetTimestamp());
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            reason = _closedReason ?? $"the QMP socket {_path} failed: {e.Message}";
        }

        Close(reason);
    }

    private void Dispatch(string line, long readAt)
    {
        JsonObject? message;
        try
        {
            message = JsonNode.Parse(line) as JsonObject;
        }
        catch (JsonException)
        {
            message = null;
        }

        if (message is null)
        {
            LogUnreadable(_logger, _path, line);
            return;
        }

        if (message.ContainsKey("event"))
        {
            var e = QmpEvent.Parse(message);
            foreach (var subscriber in _subscribers)
            {
                subscriber.Publish(e);
            }

            return;
        }

        if (message["id"] is not JsonValue idValue || !idValue.TryGetValue(out long id) || !_pending.TryGetValue(id, out var reply))
        {
            LogUnmatched(_logger, _path, line);
            return;
        }

        reply.ReadAt = readAt;
        if (message["error"] is JsonObject error)
        {
            reply.Reply.TrySetException(new QmpException(
                reply.Command,
                error["class"]?.GetValue<string>() ?? "GenericError",
                error["desc"]?.GetValue<string>() ?? line));
        }
        else
        {
            reply.Reply.TrySetResult(message["return"]?.DeepClone());
        }
    }

    private void Close(string reason)
    {
        ImmutableArray<QmpEventSubscription> subscribers;
        lock (_subscribersLock)
        {
            if (_closedReason is not null)
            {
                return;
            }

            _closedReason = reason;
            subscribers = _subscribers;
        }

        foreach (var subscriber in subscribers)
        {
            subscriber.Complete(new QmpException("(event)", QmpException.Disconnected, reason));
        }

        foreach (var pending in _pending.Values)
        {
            pending.Reply.TrySetException(new QmpException(pending.Command, QmpException.Disconnected, reason));
        }

        _closed.TrySetResult(reason);
    }

    private sealed record Pending(string Command, TaskCompletionSource<JsonNode?> Reply, long SentAt)
    {
        /// <summary>When the reader read the reply (a <see cref="TimeProvider.GetTimestamp"/>); 0 before.</summary>
        public long ReadAt { get; set; }
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Unreadable QMP message on {Path}: {Line}")]
    private static partial void LogUnreadable(ILogger logger, string path, string line);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Debug, Message = "QMP {Command} #{Id} on {Path}: reply read {ReadMs:0.000} ms after the call, caller resumed after {ResumedMs:0.000} ms")]
    private static partial void LogTiming(ILogger logger, string command, long id, string path, double readMs, double resumedMs);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Debug, Message = "QMP reply on {Path} matches no pending command: {Line}")]
    private static partial void LogUnmatched(ILogger logger, string path, string line);
}
