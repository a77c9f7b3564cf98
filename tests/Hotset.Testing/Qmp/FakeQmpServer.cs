using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Hotset.Testing.Qmp;

/// <summary>
/// A QEMU stand-in speaking QMP on a Unix socket under /tmp: greeting, <c>qmp_capabilities</c>, replies chosen per
/// command with <c>On</c>, events on demand. One client at a time, like QEMU's monitor. Unknown commands get
/// QEMU's <c>CommandNotFound</c> error.
/// </summary>
public sealed class FakeQmpServer : IAsyncDisposable
{
    private readonly Socket _listener = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
    private readonly ConcurrentDictionary<string, Func<JsonObject?, FakeQmpReply>> _handlers = new();
    private readonly ConcurrentQueue<JsonObject> _received = new();
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly string _directory;
    private readonly Task _acceptLoop;
    private volatile NetworkStream? _client;

    private FakeQmpServer()
    {
        _directory = Directory.CreateTempSubdirectory("hotset-fakeqmp-").FullName;
        SocketPath = Path.Combine(_directory, "qmp.sock");
        _listener.Bind(new UnixDomainSocketEndPoint(SocketPath));
        _listener.Listen(4);
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    public string SocketPath { get; }

    /// <summary>Commands received after capabilities negotiation, in order, as sent (with <c>execute</c>, <c>arguments</c>, <c>id</c>).</summary>
    public IReadOnlyList<JsonObject> Received => [.. _received];

    public static FakeQmpServer Start() => new();

    /// <summary>Sets the reply to <paramref name="command"/>; the handler sees the command's arguments.</summary>
    public FakeQmpServer On(string command, Func<JsonObject?, FakeQmpReply> handler)
    {
        _handlers[command] = handler;
        return this;
    }

    public FakeQmpServer On(string command, FakeQmpReply reply) => On(command, _ => reply);

    /// <summary>Sends an event to the connected client now.</summary>
    public Task SendEventAsync(string name, JsonObject? data = null) =>
        _client is { } c ? WriteAsync(c, EventJson(name, data)) : throw new InvalidOperationException("No QMP client is connected.");

    /// <summary>Closes the client's connection, as QEMU does when it exits.</summary>
    public void Disconnect() => _client?.Dispose();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _client?.Dispose();
        _listener.Dispose();
        try
        {
            await _acceptLoop;
        }
        catch (OperationCanceledException)
        {
        }

        Directory.Delete(_directory, recursive: true);
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptAsync(_stop.Token);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                return;
            }

            using var stream = new NetworkStream(socket, ownsSocket: true);
            _client = stream;
            try
            {
                await ServeAsync(stream);
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException)
            {
                // The client went away or the test disconnected it.
            }

            _client = null;
        }
    }

    private async Task ServeAsync(NetworkStream stream)
    {
        await WriteAsync(stream, """{"QMP": {"version": {"qemu": {"micro": 2, "minor": 0, "major": 10}, "package": "fake"}, "capabilities": ["oob"]}}""");
        using var reader = new StreamReader(stream, new UTF8Encoding(false), leaveOpen: true);
        var negotiated = false;
        while (await reader.ReadLineAsync(_stop.Token) is { } line)
        {
            if (JsonNode.Parse(line) is not JsonObject message || message["execute"]?.GetValue<string>() is not { } command)
            {
                await WriteAsync(stream, """{"error": {"class": "GenericError", "desc": "QMP input must be a JSON object"}}""");
                continue;
            }

            var id = message["id"]?.DeepClone();
            if (command == "qmp_capabilities" && !negotiated)
            {
                negotiated = true;
                await WriteAsync(stream, ReplyJson(id, FakeQmpReply.Ok()));
                continue;
            }

            _received.Enqueue(message);
            var reply = _handlers.TryGetValue(command, out var handler)
                ? handler(message["arguments"] as JsonObject)
                : FakeQmpReply.Fail("CommandNotFound", $"The command {command} has not been found");
            foreach (var (name, data) in reply.EventsBefore)
            {
                await WriteAsync(stream, EventJson(name, data));
            }

            if (reply.Hangup)
            {
                return;
            }

            if (!reply.Silent)
            {
                await WriteAsync(stream, ReplyJson(id, reply));
            }
        }
    }

    private async Task WriteAsync(NetworkStream stream, string json)
    {
        await _writeLock.WaitAsync();
        try
        {
            await stream.WriteAsync(Encoding.UTF8.GetBytes(json + "\r\n"));
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private static string ReplyJson(JsonNode? id, FakeQmpReply reply)
    {
        var o = reply.Error is { } e
            ? new JsonObject { ["error"] = new JsonObject { ["class"] = e.Class, ["desc"] = e.Desc } }
            : new JsonObject { ["return"] = reply.Return?.DeepClone() ?? new JsonObject() };
        if (id is not null)
        {
            o["id"] = id;
        }

        return o.ToJsonString();
    }

    private static string EventJson(string name, JsonObject? data)
    {
        var o = new JsonObject
        {
            ["timestamp"] = new JsonObject { ["seconds"] = 1_700_000_000, ["microseconds"] = 1 },
            ["event"] = name,
        };
        if (data is not null)
        {
            o["data"] = data.DeepClone();
        }

        return o.ToJsonString();
    }
}
