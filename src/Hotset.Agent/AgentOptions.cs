using System.ComponentModel.DataAnnotations;
using Hotset.Core.Agent;

namespace Hotset.Agent;

/// <summary>The agent's own settings (section <c>Agent</c>); hooks and the hypervisor have their own sections.</summary>
public sealed class AgentOptions
{
    public const string Section = "Agent";

    /// <summary>Used when neither <see cref="Urls"/> nor <c>ASPNETCORE_URLS</c> says where to listen.</summary>
    public static readonly string DefaultUrls = $"http://127.0.0.1:{AgentWire.DefaultPort}";

    /// <summary>
    /// Where Kestrel listens, e.g. <c>http://0.0.0.0:54321</c> (several separated by <c>;</c>). Empty: <c>ASPNETCORE_URLS</c>,
    /// else <see cref="DefaultUrls"/>.
    /// </summary>
    public string Urls { get; set; } = "";

    /// <summary>
    /// The host secret callers send as <c>Authorization: Bearer …</c>. Empty: read from <c>agent.secret</c> in
    /// <see cref="StateDirectory"/>, generated (mode 0600) at the first start.
    /// </summary>
    public string Secret { get; set; } = "";

    /// <summary>
    /// The hypervisor driver: <c>qemu</c> (QEMU over QMP), <c>libvirt</c> (QEMU through the host's libvirtd; see
    /// section <c>Libvirt</c>) or <c>simulated</c> (no QEMU runs: VMs are state only, for scale runs; see section
    /// <c>Simulated</c>). The host's capabilities name it.
    /// </summary>
    [RegularExpression("^(qemu|libvirt|simulated)$", ErrorMessage = "Agent:Hypervisor must be 'qemu', 'libvirt' or 'simulated'.")]
    public string Hypervisor { get; set; } = "qemu";

    /// <summary>Holds the secret file and one directory per VM (its definition and QEMU's run directory).</summary>
    [Required]
    public string StateDirectory { get; set; } = "/var/lib/hotset-agent";

    /// <summary>Longest wait for QEMU or the guest agent while collecting one VM's stats; late answers count as -1.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan StatsTimeout { get; set; } = TimeSpan.FromSeconds(5);

    public static bool IsSimulated(AgentOptions options) =>
        string.Equals(options.Hypervisor, global::Hotset.Agent.Hypervisor.Simulated.SimulatedHypervisor.Name, StringComparison.Ordinal);
}
