using System.ComponentModel.DataAnnotations;

namespace Hotset.Agent.Hypervisor.Libvirt;

/// <summary>
/// How the agent drives QEMU through libvirt (section <c>Libvirt</c>, with <c>Agent:Hypervisor = libvirt</c>). The QEMU
/// binary, machine, CPU model, the test guest's kernel and the timeouts come from section <c>Qemu</c>.
/// </summary>
public sealed class LibvirtOptions
{
    public const string Section = "Libvirt";

    /// <summary>libvirt connection URI, e.g. <c>qemu:///system</c> or a private daemon's <c>qemu:///system?socket=…</c>.</summary>
    [Required]
    public string Uri { get; set; } = "qemu:///system";

    /// <summary>Domains of Hotset VMs are named this prefix + the VM id (so that <c>virsh list</c> tells them apart).</summary>
    [Required]
    public string DomainPrefix { get; set; } = "hotset-";

    /// <summary>
    /// The domain's vCPU maximum as libvirt sees it: under TCG QEMU creates at most this many vCPUs over a VM's life
    /// (unplugged ones are not recycled), so the domain gets this budget and the guest kernel its real maximum.
    /// </summary>
    [Range(2, 255)]
    public int VcpuBudget { get; set; } = 64;
}
