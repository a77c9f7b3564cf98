using Hotset.Core.Vms;

namespace Hotset.Core.Config;

/// <summary>
/// An administrator's value for one key and version. <paramref name="Architecture"/> is null for the version-wide
/// keys; on a per-architecture key null means "every architecture" (a value for one architecture wins over it).
/// <paramref name="Value"/> is text as <c>engine-config -s</c> takes it: <c>true</c>/<c>false</c> or a whole number.
/// </summary>
public sealed record ConfigOverride(ConfigKey Key, CompatibilityVersion Version, Architecture? Architecture, string Value);

/// <summary>One effective value as <c>engine-config -g</c> shows it; <paramref name="IsDefault"/> when no override applies.</summary>
public sealed record ConfigEntry(ConfigKey Key, CompatibilityVersion Version, Architecture? Architecture, string Value, bool IsDefault);

/// <summary>
/// The CPU limits and support flags in force for one compatibility version and architecture (SPEC §5).
/// <paramref name="CpusCoefficient"/> and <paramref name="ManyVmCpus"/> feed the max-vCPU rule of 4.6+ (SPEC §6).
/// </summary>
public sealed record CpuLimits(int MaxVCpus, int MaxSockets, int MaxCpuPerSocket, int MaxThreadsPerCpu,
    int CpusCoefficient, int ManyVmCpus, bool HotPlugSupported, bool HotUnplugSupported);
