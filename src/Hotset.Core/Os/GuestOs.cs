using Hotset.Core.Vms;

namespace Hotset.Core.Os;

/// <summary>
/// One guest OS type of the osinfo repository. <paramref name="Id"/> is oVirt's unique name (<c>rhel_8x64</c>),
/// <paramref name="DisplayName"/> what the UI and the <c>${guestOS}</c> of messages show.
/// </summary>
public sealed record GuestOs(string Id, string DisplayName, Architecture Architecture,
    HotSetSupport CpuHotplug, HotSetSupport CpuHotunplug, int MinimumCpus)
{
    /// <summary>Id of the OS used when a VM names an unknown OS type (oVirt's "Other OS").</summary>
    public const string OtherId = "other";
}
