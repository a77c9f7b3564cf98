using System.Text.Json;

namespace Hotset.Client;

/// <summary>
/// A cluster: compatibility <see cref="Version"/> (e.g. <c>4.8</c>) and <see cref="Architecture"/> select the CPU
/// limits; <see cref="VcpuOvercommitRatio"/> is vCPUs allowed per host CPU (1 = none).
/// </summary>
public sealed record Cluster
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public string Description { get; init; } = "";
    public string Architecture { get; init; } = "";
    public string Version { get; init; } = "";
    public bool ThreadsAsCores { get; init; }
    public double VcpuOvercommitRatio { get; init; } = 1;

    internal static Cluster From(JsonElement c) => new()
    {
        Id = c.String("id"),
        Name = c.String("name"),
        Description = c.String("description"),
        Architecture = c.String("cpu/architecture"),
        Version = $"{c.Text("version/major")}.{c.Text("version/minor")}",
        ThreadsAsCores = c.Bool("threads_as_cores") ?? false,
        VcpuOvercommitRatio = c.Double("vcpu_overcommit_ratio") ?? 1,
    };
}

/// <summary>
/// A partial change of a cluster (<c>PUT /clusters/{id}</c>): only the non-null values are sent. <see cref="Version"/>
/// is a compatibility version such as <c>4.8</c>.
/// </summary>
public sealed record ClusterUpdate
{
    public string? Name { get; init; }
    public string? Description { get; init; }
    public string? Version { get; init; }
    public string? Architecture { get; init; }
    public bool? ThreadsAsCores { get; init; }
    public double? VcpuOvercommitRatio { get; init; }
}
