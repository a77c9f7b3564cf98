using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hotset.Agent.Hypervisor.GuestAgent;

/// <summary>
/// Talks to the QEMU guest agent (qemu-ga) over the VM's virtio-serial Unix socket. Each call connects, resyncs with
/// <c>guest-sync-delimited</c> (0xFF; late answers to earlier calls are skipped), runs one command and disconnects.
/// Calls run one at a time (QEMU serves one client per socket). A guest that does not answer within the timeout gives
/// null (or -1): never an exception, never a hang.
/// </summary>
public sealed partial class GuestAgentClient(string socketPath, TimeSpan timeout, TimeProvider time, ILogger logger)
{
    private const byte Delimiter = 0xFF;
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>The guest's logical CPUs; null when the guest agent does not answer.</summary>
    public async Task<IReadOnlyList<GuestVcpu>?> GetVcpusAsync(CancellationToken ct) =>
        (await CallAsync("guest-get-vcpus", null, ct))?.Deserialize<List<GuestVcpu>>();

    /// <summary>Onlines/offlines guest CPUs; returns how many entries the guest processed, or -1 when it did not answer.</summary>
    public async Task<int> SetVcpusAsync(IEnumerable<GuestVcpu> vcpus, CancellationToken ct)
    {
        var list = new JsonArray([.. vcpus.Select(v => new JsonObject { ["logical-id"] = v.LogicalId, ["online"] = v.Online })]);
        return (await CallAsync("guest-set-vcpus", new JsonObject { ["vcpus"] = list }, ct)) is JsonValue n && n.TryGetValue(out int done) ? done : -1;
    }

    /// <summary>Cumulative CPU times per guest CPU; null when the guest agent does not answer.</summary>
    public async Task<IReadOnlyList<GuestCpuStats>?> GetCpuStatsAsync(CancellationToken ct) =>
        (await CallAsync("guest-get-cpustats", null, ct))?.Deserialize<List<GuestCpuStats>>();

    /// <summary>Runs one guest agent command; its <c>return</c> value, or null on an error reply or no answer in time.</summary>
    public async Task<JsonNode?> CallAsync(string command, JsonObject? arguments, CancellationToken ct)
    {
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
        try
        {
            await _gate.WaitAsync(linked.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            LogNoAnswer(logger, command, socketPath, "another guest agent call is still waiting");
            return null;
        }

        try
        {
            return await CallOnceAsync(command, arguments, socketPath, linked.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            LogTimedOut(logger, command, socketPath, timeout.TotalSeconds);
            return null;
        }
        catch (Exception e) when (e is SocketException or IOException or JsonException or GuestAgentReplyException)
        {
            LogNoAnswer(logger, command, socketPath, e.Message);
            return null;
        }
        finally
        {
            _gate.Release();
        }
    }

    private static async Task<JsonNode?> CallOnceAsync(string command, JsonObject? arguments, string path, CancellationToken ct)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), ct);
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        var reader = new ByteReader(stream);

        var syncId = Random.Shared.NextInt64(1, int.MaxValue);
        await WriteAsync(stream, [Delimiter], ct);
        await WriteAsync(stream, Request("guest-sync-delimited", new JsonObject { ["id"] = syncId }), ct);
        while (true)
        {
            await reader.SkipPastAsync(Delimiter, ct);
            if (TryParse(await reader.ReadLineAsync(ct))?["return"] is JsonValue v && v.TryGetValue(out long id) && id == syncId)
            {
                break;
            }
        }

        await WriteAsync(stream, Request(command, arguments), ct);
        while (true)
        {
            var reply = TryParse(await reader.ReadLineAsync(ct));
            if (reply?["error"] is JsonObject error)
            {
                throw new GuestAgentReplyException($"{error["class"]}: {error["desc"]}");
            }

            if (reply is not null && reply.ContainsKey("return"))
            {
                return reply["return"]?.DeepClone();
            }
        }
    }

    private static byte[] Request(string command, JsonObject? arguments)
    {
        var request = new JsonObject { ["execute"] = command };
        if (arguments is not null)
        {
            request["arguments"] = arguments.DeepClone();
        }

        return Encoding.UTF8.GetBytes(request.ToJsonString() + "\n");
    }

    private static JsonObject? TryParse(string line)
    {
        try
        {
            return JsonNode.Parse(line) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task WriteAsync(NetworkStream stream, byte[] bytes, CancellationToken ct) =>
        await stream.WriteAsync(bytes, ct);

    [LoggerMessage(EventId = 3201, Level = LogLevel.Information, Message = "Guest agent {Command} on {Path} gave no answer: {Reason}")]
    private static partial void LogNoAnswer(ILogger logger, string command, string path, string reason);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Information, Message = "Guest agent {Command} on {Path} gave no answer within {Seconds} s")]
    private static partial void LogTimedOut(ILogger logger, string command, string path, double seconds);

    private sealed class GuestAgentReplyException(string message) : Exception(message);
}
