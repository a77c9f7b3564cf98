using System.Text.Json.Nodes;
using Hotset.Agent.Hypervisor.Qmp;

namespace Hotset.Agent.Hypervisor.Qemu;

/// <summary>
/// The agent's QMP connection to one QEMU. <see cref="ExecuteAsync"/> turns QEMU's refusals and a lost connection
/// into <see cref="HypervisorException"/>s naming the VM; <see cref="Qmp"/> is for pipelined commands and events.
/// </summary>
internal sealed class QemuMonitor(QmpClient qmp, string vmName) : IAsyncDisposable
{
    public QmpClient Qmp => qmp;

    public string VmName => vmName;

    public async Task<JsonNode?> ExecuteAsync(string command, JsonObject? arguments, CancellationToken ct)
    {
        try
        {
            return await qmp.ExecuteAsync(command, arguments, ct);
        }
        catch (QmpException e)
        {
            throw new HypervisorException($"VM '{vmName}': {e.Message}", e);
        }
    }

    public ValueTask DisposeAsync() => qmp.DisposeAsync();
}
