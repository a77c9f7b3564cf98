using Hotset.Core.Agent;

namespace Hotset.Engine.Hosts;

/// <summary>A hypervisor host and how to reach its agent.</summary>
public sealed record Host
{
    public required Guid Id { get; init; }
    public required string Name { get; init; }
    public required Guid ClusterId { get; init; }

    /// <summary>Base URL of the agent, e.g. <c>http://127.0.0.1:54321</c>.</summary>
    public required string Address { get; init; }

    /// <summary>The per-host secret the agent requires as a bearer token.</summary>
    public required string Secret { get; init; }

    public HostStatus Status { get; init; } = HostStatus.Unassigned;

    /// <summary>Last capabilities the agent reported; null until it answered once.</summary>
    public HostCapabilities? Capabilities { get; init; }

    public long Version { get; init; }
}

/// <summary>oVirt host statuses Hotset uses.</summary>
public enum HostStatus
{
    Unassigned,
    Up,
    NonResponsive,
    Maintenance,
}
