using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Hotset.Agent.Tests.Hypervisor.GuestAgent;

/// <summary>
/// A qemu-ga stand-in on a Unix socket: answers <c>guest-sync-delimited</c> with 0xFF + the id, then commands from
/// <see cref="Replies"/>. It can stay silent, or first send leftovers of an earlier client as QEMU's chardev does.
/// </summary>
internal sealed class FakeGuestAgent : IAsyncDisposable
{
    private readonly Socket _listener = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
    private readonly CancellationTokenSource _stop = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("hotset-fakeqga-").FullName;
    private readonly Task _loop;

    public FakeGuestAgent()
    {
        SocketPath = Path.Combine(_directory, "qga.sock");
        _listener.Bind(new UnixDomainSocketEndPoint(SocketPath));
        _listener.Listen(4);
        _loop = Task.Run(ServeAsync);
    }

    public string SocketPath { get; }

    /// <summary>Raw JSON answer line per command; a command not listed gets a CommandNotFound error.</summary>
    public ConcurrentDictionary<string, string> Replies { get; } = new();

    /// <summary>Reads but never answers (a hung or still-booting guest).</summary>
    public bool Silent { get; set; }

    /// <summary>Written to each new client before anything else: answers an earlier client never read.</summary>
    public string Leftovers { get; set; } = "";

    public ConcurrentQueue<JsonObject> Received { get; } = new();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        await _loop;
        Directory.Delete(_directory, recursive: true);
        _stop.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                using var socket = await _listener.AcceptAsync(_stop.Token);
                await using var stream = new NetworkStream(socket);
                await ServeClientAsync(stream);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
            {
                // Next client, or stop.
            }
        }
    }

    private async Task ServeClientAsync(NetworkStream stream)
    {
        if (Leftovers.Length > 0)
        {
            await stream.WriteAsync(Encoding.Latin1.GetBytes(Leftovers), _stop.Token);
        }

        using var reader = new StreamReader(stream, Encoding.Latin1);
        while (await reader.ReadLineAsync(_stop.Token) is { } line)
        {
            var request = JsonNode.Parse(line.TrimStart('\u00ff'))!.AsObject();
            Received.Enqueue(request);
            if (Silent)
            {
                continue;
            }

            var command = request["execute"]!.GetValue<string>();
            var answer = command == "guest-sync-delimited"
                ? "\u00ff" + new JsonObject { ["return"] = request["arguments"]!["id"]!.DeepClone() }.ToJsonString()
                : Replies.GetValueOrDefault(command, "{\"error\": {\"class\": \"CommandNotFound\", \"desc\": \"Command " + command + " has not been found\"}}");
            await stream.WriteAsync(Encoding.Latin1.GetBytes(answer + "\n"), _stop.Token);
        }
    }
}
