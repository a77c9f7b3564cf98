using Hotset.Client;

namespace Hotset.Web.Session;

/// <summary>
/// The VM list and host names as last read, kept while the tab lives so that coming back to the list shows it at
/// once (then refreshed within a second) instead of waiting for a new <c>GET /vms</c> of every VM. Forgotten when
/// the session ends.
/// </summary>
public sealed class VmListCache
{
    public VmListCache(SessionState session) => session.Changed += () =>
    {
        if (!session.IsLoggedIn)
        {
            (Vms, HostNames) = ([], new Dictionary<string, string>());
        }
    };

    public IReadOnlyList<Vm> Vms { get; set; } = [];

    public IReadOnlyDictionary<string, string> HostNames { get; set; } = new Dictionary<string, string>();
}
