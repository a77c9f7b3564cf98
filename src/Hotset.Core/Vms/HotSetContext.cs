using Hotset.Core.Config;
using Hotset.Core.Os;

namespace Hotset.Core.Vms;

/// <summary>What the hot-set child step checks before it calls the host (SPEC §4 child-step rows).</summary>
public sealed record HotSetContext(string VmName, VmStatus Status, HotSetAction Action, CompatibilityVersion Version,
    Architecture Architecture, CpuLimits Limits, GuestOs Os);
