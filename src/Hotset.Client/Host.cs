using System.Text.Json;

namespace Hotset.Client;

/// <summary>A host (hypervisor) with its agent's address and, once monitored, its CPU topology and max vCPUs.</summary>
public sealed record Host
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public string Address { get; init; } = "";

    /// <summary><c>up</c>, <c>non_responsive</c>, <c>maintenance</c> or <c>unassigned</c>.</summary>
    public string Status { get; init; } = "";

    public string? ClusterId { get; init; }
    public CpuTopology? Topology { get; init; }
    public string? AgentVersion { get; init; }
    public string? HypervisorVersion { get; init; }
    public int? MaxVcpus { get; init; }

    internal static Host From(JsonElement h) => new()
    {
        Id = h.String("id"),
        Name = h.String("name"),
        Address = h.String("address"),
        Status = h.String("status"),
        ClusterId = h.Text("cluster/id"),
        Topology = CpuTopology.From(h.Object("cpu/topology")),
        AgentVersion = h.Text("version/full_version"),
        HypervisorVersion = h.Text("libvirt_version/full_version"),
        MaxVcpus = h.Int("max_vcpus"),
    };
}

/// <summary>
/// A host to register: <see cref="Address"/> is the agent's URL (or a host name, then port <see cref="Port"/>),
/// <see cref="Secret"/> the agent's secret (oVirt's <c>root_password</c>); cluster by name (Default when null).
/// </summary>
public sealed record HostCreate(string Name, string Address, string Secret)
{
    public string? Cluster { get; init; }
    public int? Port { get; init; }
}
