using System.Text.Json.Serialization;

namespace Hotset.Agent.Hypervisor.GuestAgent;

/// <summary>One logical CPU as the guest OS sees it (<c>guest-get-vcpus</c>).</summary>
public sealed record GuestVcpu(
    [property: JsonPropertyName("logical-id")] int LogicalId,
    [property: JsonPropertyName("online")] bool Online,
    [property: JsonPropertyName("can-offline")] bool? CanOffline = null);

/// <summary>Cumulative CPU time of one guest CPU in clock ticks (<c>guest-get-cpustats</c>, Linux <c>/proc/stat</c>).</summary>
public sealed record GuestCpuStats(
    [property: JsonPropertyName("cpu")] int Cpu,
    [property: JsonPropertyName("user")] long User,
    [property: JsonPropertyName("nice")] long Nice,
    [property: JsonPropertyName("system")] long System,
    [property: JsonPropertyName("idle")] long Idle,
    [property: JsonPropertyName("iowait")] long IoWait,
    [property: JsonPropertyName("irq")] long Irq,
    [property: JsonPropertyName("softirq")] long SoftIrq,
    [property: JsonPropertyName("steal")] long Steal)
{
    /// <summary>Ticks spent idle (idle + iowait).</summary>
    public long IdleTicks => Idle + IoWait;

    /// <summary>All ticks.</summary>
    public long TotalTicks => User + Nice + System + Idle + IoWait + Irq + SoftIrq + Steal;
}
