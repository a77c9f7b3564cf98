namespace Hotset.Engine.Api.Vms;

/// <summary>
/// The collections under <c>/vms/{id}</c> that oVirt clients list, with oVirt's element names: the path segment,
/// the list element and its item element. Hotset's VMs boot a kernel directly and have no disks, NICs, CD-ROMs,
/// watchdogs, consoles or host devices: those lists are empty, never a 404.
/// </summary>
public static class VmSubCollections
{
    public sealed record SubList(string Rel, string ListName, string ItemName);

    /// <summary>The device collections Hotset has nothing in.</summary>
    public static IReadOnlyList<SubList> Empty { get; } =
    [
        new("nics", "nics", "nic"),
        new("diskattachments", "disk_attachments", "disk_attachment"),
        new("cdroms", "cdroms", "cdrom"),
        new("watchdogs", "watchdogs", "watchdog"),
        new("graphicsconsoles", "graphics_consoles", "graphics_console"),
        new("hostdevices", "host_devices", "host_device"),
        new("reporteddevices", "reported_devices", "reported_device"),
    ];

    /// <summary>Every sub-collection a VM links to (<c>&lt;link rel="statistics" href="…"/&gt;</c>).</summary>
    public static IEnumerable<string> Rels { get; } =
        ["statistics", "numanodes", "snapshots", .. Empty.Select(c => c.Rel), "cpuoptions", "vcpus"];
}
