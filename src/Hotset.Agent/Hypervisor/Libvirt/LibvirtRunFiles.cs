namespace Hotset.Agent.Hypervisor.Libvirt;

/// <summary>The files of one libvirt domain in the VM's run directory (QEMU's own state lives with libvirt).</summary>
internal sealed record LibvirtRunFiles(string Directory)
{
    public string GuestAgentSocket => Path.Combine(Directory, "qga.sock");

    public string ConsoleLog => Path.Combine(Directory, "console.log");

    /// <summary>How many vCPUs QEMU has created over the VM's life (see <see cref="LibvirtOptions.VcpuBudget"/>).</summary>
    public string CreatedVcpusFile => Path.Combine(Directory, "vcpus-created");
}
