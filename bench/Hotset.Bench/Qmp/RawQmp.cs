using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Hotset.Bench.Qmp;

/// <summary>
/// The smallest QMP client: one Unix socket, one command at a time, events skipped. It is the baseline the agent is
/// compared with, so it does nothing but write a line and read until the reply.
/// </summary>
public sealed class RawQmp : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly StreamReader _reader;
    private long _id;

    private RawQmp(Socket socket)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _reader = new StreamReader(_stream, new UTF8Encoding(false));
    }

    public string QemuVersion { get; private set; } = "?";

    public static async Task<RawQmp> ConnectAsync(string path, CancellationToken ct)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), ct);
        var qmp = new RawQmp(socket);
        var greeting = JsonNode.Parse(await qmp._reader.ReadLineAsync(ct) ?? "{}");
        var v = greeting?["QMP"]?["version"]?["qemu"];
        qmp.QemuVersion = v is null ? "?" : $"{v["major"]}.{v["minor"]}.{v["micro"]}";
        await qmp.ExecuteAsync("qmp_capabilities", null, ct);
        return qmp;
    }

    /// <summary>Sends one command and returns its <c>return</c>; a QMP error throws with QEMU's description.</summary>
    public Task<JsonNode?> ExecuteAsync(string command, JsonObject? arguments, CancellationToken ct) =>
        ExecuteInOrderAsync([(command, arguments)], ct);

    /// <summary>
    /// Sends the commands in one write, as the agent's QMP client does, and returns the last one's <c>return</c>
    /// once every reply has arrived; a QMP error throws with QEMU's description.
    /// </summary>
    public async Task<JsonNode?> ExecuteInOrderAsync(IReadOnlyList<(string Command, JsonObject? Arguments)> commands, CancellationToken ct)
    {
        var text = new StringBuilder();
        foreach (var (name, arguments) in commands)
        {
            var request = new JsonObject { ["execute"] = name, ["id"] = ++_id };
            if (arguments is not null)
            {
                request["arguments"] = arguments;
            }

            text.Append(request.ToJsonString()).Append('\n');
        }

        await _stream.WriteAsync(Encoding.UTF8.GetBytes(text.ToString()), ct);
        JsonNode? result = null;
        var first = _id - commands.Count + 1;
        for (var i = 0; i < commands.Count; i++)
        {
            result = await ReplyAsync(commands[i].Command, first + i, ct);
        }

        return result;
    }

    private async Task<JsonNode?> ReplyAsync(string command, long id, CancellationToken ct)
    {
        while (true)
        {
            var line = await _reader.ReadLineAsync(ct)
                ?? throw new IOException($"QEMU closed the QMP socket during {command}.");
            var reply = JsonNode.Parse(line) as JsonObject;
            if (reply is null || reply.ContainsKey("event") || reply["id"]?.GetValue<long>() != id)
            {
                continue;
            }

            if (reply["error"] is { } error)
            {
                throw new InvalidOperationException($"QEMU refused {command}: {error["desc"]}");
            }

            return reply["return"];
        }
    }

    public async ValueTask DisposeAsync()
    {
        _reader.Dispose();
        await _stream.DisposeAsync();
        _socket.Dispose();
    }
}
