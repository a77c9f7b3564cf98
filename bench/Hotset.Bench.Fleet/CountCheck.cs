using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Hotset.Client;
using Hotset.Core.Agent;

namespace Hotset.Bench.Fleet;

/// <summary>Whether the engine's stored vCPUs, the hypervisor's and the guest's agree — as the engine reports them, and
/// as each simulated host reports them to a direct <c>Host.getAllVmStats</c>.</summary>
internal static class CountCheck
{
    public static bool Agrees(Vm vm, int expected) =>
        vm.Status == "up" && vm.Topology.Sockets * vm.Topology.Cores * vm.Topology.Threads == expected
        && vm.VcpuCount == expected && vm.GuestCpuCount == expected;

    /// <summary>
    /// Every VM the engine lists as up, compared with what its host itself reports: the stored total vCPUs must equal
    /// the host's <c>vcpuCount</c> and <c>guestCPUCount</c>. Returns the VMs that differ (name: stored/host/guest).
    /// </summary>
    public static async Task<IReadOnlyList<string>> AgainstHostsAsync(IReadOnlyList<Vm> vms, SimulatedFleet fleet,
        IReadOnlyDictionary<string, string> hostIds, CancellationToken ct)
    {
        using var http = new HttpClient();
        var reported = new Dictionary<string, VmStats>(StringComparer.OrdinalIgnoreCase);
        foreach (var host in fleet.Hosts.Where(h => h.Running))
        {
            foreach (var stats in await GetAllVmStatsAsync(http, host, ct))
            {
                reported[stats.VmId] = stats;
            }
        }

        var running = hostIds.Where(h => fleet.Hosts.Any(f => f.Name == h.Key && f.Running)).Select(h => h.Value).ToHashSet();
        var differ = new List<string>();
        foreach (var vm in vms.Where(v => v.Status == "up" && v.HostId is { } id && running.Contains(id)))
        {
            var stored = vm.Topology.Sockets * vm.Topology.Cores * vm.Topology.Threads;
            if (!reported.TryGetValue(vm.Id, out var stats) || stats.VcpuCount != stored || stats.GuestCpuCount != stored)
            {
                differ.Add($"{vm.Name}: stored {stored}, host {stats?.VcpuCount}, guest {stats?.GuestCpuCount}");
            }
        }

        return differ;
    }

    private static async Task<IReadOnlyList<VmStats>> GetAllVmStatsAsync(HttpClient http, SimulatedHost host, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, host.Url + AgentMethods.Path)
        {
            Content = JsonContent.Create(new JsonRpcRequest(AgentMethods.GetAllVmStats,
                JsonSerializer.SerializeToElement(new { }), JsonSerializer.SerializeToElement(1))),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", host.Secret);
        using var response = await http.SendAsync(request, ct);
        var reply = await response.Content.ReadFromJsonAsync<JsonRpcResponse>(ct)
            ?? throw new InvalidOperationException($"Host {host.Name} sent no reply.");
        return reply.Result?.Deserialize<List<VmStats>>()
            ?? throw new InvalidOperationException($"Host {host.Name} answered {reply.Error?.Message}.");
    }
}
