using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hotset.Agent.Hypervisor.Qmp;

/// <summary>
/// One QMP connection to a QEMU process over its Unix socket: capabilities negotiation, commands matched to replies
/// by id, and events delivered to every <see cref="Subscribe">subscription</see> in the order QEMU sent them, before
/// any reply that followed them. Thread-safe. When QEMU closes the socket, pending and later commands fail with
/// <see cref="QmpException.Disconnected"/> and <see cref="Closed"/> completes. A caller awaiting a reply continues on
/// the thread that read it, so it must not block that thread (await; never wait synchronously for another reply).
/// </summary>
public sealed partial class QmpClient : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly StreamReader _reader;
    private readonly string _path;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ConcurrentDictionary<long, Pending> _pending = new();
    private readonly TaskCompletionSource<string> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _subscribersLock = new();
    private ImmutableArray<QmpEventSubscription> _subscribers = [];
    private volatile string? _closedReason;
    private Task _readLoop = Task.CompletedTask;
    private long _nextId;

    private QmpClient(Socket socket, string path, TimeSpan timeout, TimeProvider time, ILogger logger)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _reader = new StreamReader(_stream, new UTF8Encoding(false));
        _path = path;
        _timeout = timeout;
        _time = time;
        _logger = logger;
    }

    /// <summary>QEMU's version from the QMP greeting, e.g. <c>10.0.2</c>.</summary>
    public string QemuVersion { get; private set; } = "";

    /// <summary>Completes, with the reason, when the connection is closed by QEMU or by <see cref="DisposeAsync"/>.</summary>
    public Task<string> Closed => _closed.Task;

    /// <summary>
    /// Connects, reads the greeting and leaves capabilities negotiation mode. <paramref name="timeout"/> bounds the
    /// connection and every later command, measured on the system clock.
    /// </summary>
    public static Task<QmpClient> ConnectAsync(string socketPath, TimeSpan timeout, ILogger logger, CancellationToken ct) =>
        ConnectAsync(socketPath, timeout, TimeProvider.System, logger, ct);

    /// <summary>
    /// Connects, reads the greeting and leaves capabilities negotiation mode. <paramref name="timeout"/> bounds the
    /// connection and every later command, measured on <paramref name="time"/>.
    /// </summary>
    public static async Task<QmpClient> ConnectAsync(
        string socketPath, TimeSpan timeout, TimeProvider time, ILogger logger, CancellationToken ct)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        using var deadline = new CancellationTokenSource(timeout, time);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cts.Token);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            socket.Dispose();
            throw new QmpException("connect", QmpException.Disconnected, $"cannot connect to the QMP socket {socketPath}: {e.Message}", e);
        }

        var client = new QmpClient(socket, socketPath, timeout, time, logger);
        try
        {
            var greeting = await client._reader.ReadLineAsync(cts.Token)
                ?? throw new QmpException("connect", QmpException.Disconnected, $"QEMU closed the QMP socket {socketPath} before its greeting.");
            var version = JsonNode.Parse(greeting)?["QMP"]?["version"]?["qemu"];
            client.QemuVersion = version is null ? "" : $"{version["major"]}.{version["minor"]}.{version["micro"]}";
            client._readLoop = Task.Run(client.ReadLoopAsync, CancellationToken.None);
            await client.ExecuteAsync("qmp_capabilities", null, cts.Token);
            return client;
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            await client.DisposeAsync();
            throw new QmpException("connect", QmpException.Timeout,
                $"QEMU sent no QMP greeting on {socketPath} within {timeout.TotalSeconds:0.#} s (another client may hold the QMP connection).", e);
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    /// <summary>Subscribes to the events QEMU sends from now on. Dispose the subscription to stop.</summary>
    public QmpEventSubscription Subscribe()
    {
        var subscription = new QmpEventSubscription(Unsubscribe);
        lock (_subscribersLock)
        {
            if (_closedReason is { } reason)
            {
                subscription.Complete(new QmpException("(event)", QmpException.Disconnected, reason));
            }

            _subscribers = _subscribers.Add(subscription);
        }

        return subscription;
    }

    /// <summary>
    /// Runs <paramref name="command"/> and returns QEMU's <c>return</c> value. Throws <see cref="QmpException"/> with
    /// QEMU's class and text on an error reply, on timeout, or when the connection closes first.
    /// </summary>
    public Task<JsonNode?> ExecuteAsync(string command, JsonObject? arguments, CancellationToken ct) =>
        ExecuteInOrder([new QmpCommand(command, arguments)], ct)[0];

    /// <summary>
    /// Sends <paramref name="commands"/> in one write: QEMU runs them in this order, each right after the one before,
    /// without a round trip in between. Returns each command's reply as <see cref="ExecuteAsync"/> would; a command
    /// runs whether or not the ones before it failed.
    /// </summary>
    public IReadOnlyList<Task<JsonNode?>> ExecuteInOrder(IReadOnlyList<QmpCommand> commands, CancellationToken ct)
    {
        var now = _time.GetTimestamp();
        var ids = new long[commands.Count];
        var replies = new TaskCompletionSource<JsonNode?>[commands.Count];
        for (var i = 0; i < commands.Count; i++)
        {
            ids[i] = Interlocked.Increment(ref _nextId);
            // No RunContinuationsAsynchronously: the caller goes on on the reader's thread as soon as the reply is
            // read, instead of waiting for a thread-pool thread to wake (docs/benchmarks.md). Callers must not block.
            replies[i] = new TaskCompletionSource<JsonNode?>();
            _pending[ids[i]] = new Pending(commands[i].Command, replies[i], now);
        }

        var send = _closedReason is null ? SendAsync(commands, ids, ct) : Task.CompletedTask;
        return [.. commands.Select((c, i) => CountingFailureAsync(ReplyAsync(c.Command, ids[i], replies[i], send, ct)))];
    }

    private static async Task<JsonNode?> CountingFailureAsync(Task<JsonNode?> reply)
    {
        try
        {
            return await reply;
        }
        catch (QmpException e)
        {
            QmpMeter.Failed(e);
            throw;
        }
    }

    private async Task<JsonNode?> ReplyAsync(
        string command, long id, TaskCompletionSource<JsonNode?> reply, Task send, CancellationToken ct)
    {
        try
        {
            if (_closedReason is { } reason)
            {
                throw new QmpException(command, QmpException.Disconnected, reason);
            }

            var start = _time.GetTimestamp();
            await send.WaitAsync(_timeout, _time, ct);
            var left = _timeout - _time.GetElapsedTime(start);
            var result = await reply.Task.WaitAsync(left > TimeSpan.Zero ? left : TimeSpan.Zero, _time, ct);
            if (_logger.IsEnabled(LogLevel.Debug) && _pending.TryGetValue(id, out var timed))
            {
                var readMs = _time.GetElapsedTime(timed.SentAt, timed.ReadAt).TotalMilliseconds;
                var resumedMs = _time.GetElapsedTime(timed.SentAt).TotalMilliseconds;
                LogTiming(_logger, command, id, _path, readMs, resumedMs);
            }

            return result;
        }
        catch (TimeoutException e)
        {
            throw new QmpException(command, QmpException.Timeout, $"QEMU did not answer within {_timeout.TotalSeconds:0.#} s on {_path}.", e);
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            // The write's own deadline (SendAsync) passed first.
            throw new QmpException(command, QmpException.Timeout, $"QEMU did not answer within {_timeout.TotalSeconds:0.#} s on {_path}.", e);
        }
        catch (IOException e)
        {
            throw new QmpException(command, QmpException.Disconnected, $"the QMP socket {_path} failed: {e.Message}", e);
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Close("the QMP connection was closed by the agent.");
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already closed by QEMU, or disposed before.
        }

        await _readLoop;
        _reader.Dispose();
        _writeLock.Dispose();
    }

    private async Task SendAsync(IReadOnlyList<QmpCommand> commands, long[] ids, CancellationToken ct)
    {
        var buffer = new MemoryStream();
        for (var i = 0; i < commands.Count; i++)
        {
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                json.WriteString("execute", commands[i].Command);
                if (commands[i].Arguments is { } arguments)
                {
                    json.WritePropertyName("arguments");
                    arguments.WriteTo(json);
                }

                json.WriteNumber("id", ids[i]);
                json.WriteEndObject();
            }

            buffer.WriteByte((byte)'\n');
        }

        using var deadline = new CancellationTokenSource(_timeout, _time);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
        await _writeLock.WaitAsync(cts.Token);
        try
        {
            await _stream.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cts.Token);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private void Unsubscribe(QmpEventSubscription subscription)
    {
        lock (_subscribersLock)
        {
            _subscribers = _subscribers.Remove(subscription);
        }
    }
}
