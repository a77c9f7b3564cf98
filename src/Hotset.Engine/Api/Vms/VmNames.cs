using Hotset.Core.Vms;

namespace Hotset.Engine.Api.Vms;

/// <summary>REST spellings of VM values: statuses (<c>up</c>, <c>powering_up</c>) and chipsets as BIOS types.</summary>
public static class VmNames
{
    public static string Status(VmStatus status) => status switch
    {
        VmStatus.Down => "down",
        VmStatus.Up => "up",
        VmStatus.PoweringUp => "powering_up",
        VmStatus.PoweringDown => "powering_down",
        VmStatus.RebootInProgress => "reboot_in_progress",
        VmStatus.MigratingFrom or VmStatus.MigratingTo => "migrating",
        VmStatus.Paused => "paused",
        VmStatus.NotResponding => "not_responding",
        VmStatus.WaitForLaunch => "wait_for_launch",
        VmStatus.ImageLocked => "image_locked",
        _ => "unknown",
    };

    /// <summary>oVirt 4.4+ <c>&lt;bios&gt;&lt;type&gt;</c>: the chipset with its firmware.</summary>
    public static string BiosType(Chipset chipset) => chipset == Chipset.Q35 ? "q35_sea_bios" : "i440fx_sea_bios";

    public static bool TryParseBiosType(string? text, out Chipset chipset)
    {
        var value = text?.Trim().ToLowerInvariant() ?? "";
        chipset = value.StartsWith("q35", StringComparison.Ordinal) ? Chipset.Q35 : Chipset.I440fx;
        return value.StartsWith("q35", StringComparison.Ordinal) || value is "i440fx_sea_bios" or "i440fx" or "cluster_default";
    }
}
