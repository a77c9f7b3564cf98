namespace Hotset.Web.Components;

/// <summary>oVirt status names (<c>powering_up</c>) as words, and the CSS class that colours them.</summary>
public static class VmStatusText
{
    public static readonly string[] Filterable = ["up", "down", "powering_up", "powering_down", "reboot_in_progress", "migrating", "paused", "not_responding"];

    public static string Words(string status) => status switch
    {
        "up" => "Up",
        "down" => "Down",
        "powering_up" => "Powering up",
        "powering_down" => "Powering down",
        "wait_for_launch" => "Starting",
        "reboot_in_progress" => "Rebooting",
        "migrating" => "Migrating",
        "not_responding" => "Not responding",
        "paused" => "Paused",
        "" => "Unknown",
        _ => status.Replace('_', ' '),
    };

    public static string Css(string status) => status switch
    {
        "up" => "status-up",
        "down" => "status-down",
        _ => "status-other",
    };
}
