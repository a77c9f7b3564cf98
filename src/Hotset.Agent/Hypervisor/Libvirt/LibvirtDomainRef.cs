using System.Text.Json.Nodes;
using Hotset.Agent.Hypervisor.Libvirt.Native;

namespace Hotset.Agent.Hypervisor.Libvirt;

/// <summary>
/// One domain by name on the agent's connection: its handle is looked up again after a reconnect. Every call runs
/// on the thread pool and turns libvirt's failure into a <see cref="LibvirtCallException"/> with libvirt's text.
/// Also the QMP passthrough to the domain's QEMU (<c>virDomainQemuMonitorCommand</c>).
/// </summary>
internal sealed class LibvirtDomainRef(LibvirtConnection connection, string name) : IDisposable
{
    private readonly Lock _lock = new();
    private DomainHandle? _handle;
    private int _generation;

    public string Name => name;

    public LibvirtConnection Connection => connection;

    public Task<T> CallAsync<T>(Func<DomainHandle, T> call, CancellationToken ct) => Task.Run(() => Call(call), ct);

    public T Call<T>(Func<DomainHandle, T> call) => connection.Run(conn => call(Handle(conn)));

    /// <summary>Runs one QMP command on the domain's monitor through libvirt; its <c>return</c> value.</summary>
    public Task<JsonNode?> QmpAsync(string command, JsonObject? arguments, CancellationToken ct)
    {
        var request = new JsonObject { ["execute"] = command };
        if (arguments is not null)
        {
            request["arguments"] = arguments.DeepClone();
        }

        var text = request.ToJsonString();
        return CallAsync(domain =>
        {
            if (LibvirtQemuNative.DomainQemuMonitorCommand(domain, text, out var result, 0) < 0)
            {
                throw LibvirtError.Exception($"QMP {command} through libvirt");
            }

            var reply = JsonNode.Parse(LibvirtError.TakeString(result) ?? "{}");
            return reply?["error"] is JsonObject error
                ? throw new LibvirtCallException(0, $"QMP {command} through libvirt: {error["desc"]}")
                : reply?["return"]?.DeepClone();
        }, ct);
    }

    private DomainHandle Handle(ConnectHandle conn)
    {
        lock (_lock)
        {
            if (_handle is { IsInvalid: false } cached && _generation == connection.Generation)
            {
                return cached;
            }

            _handle?.Dispose();
            _handle = LibvirtNative.DomainLookupByName(conn, name);
            _generation = connection.Generation;
            if (_handle.IsInvalid)
            {
                throw LibvirtError.Exception($"libvirt has no domain '{name}'");
            }

            return _handle;
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _handle?.Dispose();
            _handle = null;
        }
    }
}
