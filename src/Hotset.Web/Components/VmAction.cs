using Hotset.Client;

namespace Hotset.Web.Components;

/// <summary>A lifecycle action on a VM: its button text, and the question asked first when it is destructive.</summary>
public sealed record VmAction(string Name, string Button, string? Question, Func<VmsApi, string, CancellationToken, Task> Run)
{
    public static readonly VmAction Start = new("start", "Start", null, (api, id, ct) => api.StartAsync(id, ct: ct));

    public static readonly VmAction Shutdown = new("shutdown", "Shut down",
        "The guest OS is asked to shut down; the VM goes Down when it has.", (api, id, ct) => api.ShutdownAsync(id, ct: ct));

    public static readonly VmAction Reboot = new("reboot", "Reboot",
        "The VM restarts; a pending next-run configuration is applied.", (api, id, ct) => api.RebootAsync(id, ct: ct));

    public static readonly VmAction Stop = new("stop", "Power off",
        "The VM is powered off at once, without asking the guest: unsaved work in it is lost.", (api, id, ct) => api.StopAsync(id, ct: ct));

    public static readonly VmAction Remove = new("remove", "Remove",
        "The VM and its configuration are deleted. This cannot be undone.", (api, id, ct) => api.RemoveAsync(id, ct));

    /// <summary>The actions that make sense in <paramref name="status"/>.</summary>
    public static IEnumerable<VmAction> For(string status) => status switch
    {
        "down" => [Start, Remove],
        "up" => [Shutdown, Reboot, Stop],
        "powering_up" or "wait_for_launch" or "reboot_in_progress" or "powering_down" or "not_responding" or "paused" => [Stop],
        _ => [],
    };
}
