using System.Text.Json;
using System.Text.Json.Nodes;
using Hotset.Agent.Hypervisor.GuestAgent;
using Hotset.Agent.Hypervisor.Libvirt.Native;

namespace Hotset.Agent.Hypervisor.Libvirt;

/// <summary>
/// The guest's CPUs through libvirt's guest agent connection (<c>virDomainQemuAgentCommand</c>): libvirt holds the
/// agent's socket, so the agent cannot talk to it directly. No answer in time gives null, never an exception.
/// </summary>
internal sealed class LibvirtGuestCpus(LibvirtDomainRef domain, TimeSpan timeout) : IGuestCpus
{
    private readonly Lock _usageLock = new();
    private (long Busy, long Total) _lastUsage;

    public async Task<IReadOnlyList<int>?> GetGuestOnlineCpusAsync(CancellationToken ct) =>
        (await CallAsync("guest-get-vcpus", ct))?.Deserialize<List<GuestVcpu>>() is { } vcpus
            ? [.. vcpus.Where(v => v.Online).Select(v => v.LogicalId).Order()]
            : null;

    public async Task<double?> GetGuestCpuUsageAsync(CancellationToken ct)
    {
        if ((await CallAsync("guest-get-cpustats", ct))?.Deserialize<List<GuestCpuStats>>() is not { Count: > 0 } stats)
        {
            return null;
        }

        var now = (Busy: stats.Sum(s => s.TotalTicks - s.IdleTicks), Total: stats.Sum(s => s.TotalTicks));
        lock (_usageLock)
        {
            var (busy, total) = (now.Busy - _lastUsage.Busy, now.Total - _lastUsage.Total);
            _lastUsage = now;
            return total <= 0 ? 0 : Math.Clamp(100.0 * busy / total, 0, 100);
        }
    }

    private async Task<JsonNode?> CallAsync(string command, CancellationToken ct)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(timeout.TotalSeconds));
        try
        {
            return await domain.CallAsync(handle =>
            {
                var reply = LibvirtError.TakeString(
                    LibvirtQemuNative.DomainQemuAgentCommand(handle, $"{{\"execute\":\"{command}\"}}", seconds, 0));
                return reply is null ? null : JsonNode.Parse(reply)?["return"]?.DeepClone();
            }, ct);
        }
        catch (Exception e) when (e is LibvirtCallException or HypervisorException or JsonException)
        {
            return null;
        }
    }
}
