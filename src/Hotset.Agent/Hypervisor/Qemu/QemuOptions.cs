using System.ComponentModel.DataAnnotations;

namespace Hotset.Agent.Hypervisor.Qemu;

/// <summary>How the agent runs QEMU (section <c>Qemu</c>). Bound and validated when the agent starts.</summary>
public sealed class QemuOptions
{
    public const string Section = "Qemu";

    /// <summary>The QEMU system emulator, a path or a name on <c>PATH</c>; version 10 or newer.</summary>
    [Required]
    public string Binary { get; set; } = "qemu-system-x86_64";

    /// <summary>
    /// Kernel of a VM that brings none (e.g. the test guest's <c>.guest/vmlinux</c>). Empty: such a VM is refused,
    /// saying so.
    /// </summary>
    public string GuestKernel { get; set; } = "";

    /// <summary>Initramfs of a VM that brings no kernel (e.g. the test guest's <c>.guest/initramfs.cpio.gz</c>). Empty: none.</summary>
    public string GuestInitrd { get; set; } = "";

    /// <summary>Machine type of a VM whose definition names none.</summary>
    [Required]
    public string Machine { get; set; } = "pc";

    /// <summary>QEMU accelerator: <c>tcg</c> works everywhere, <c>kvm</c> needs <c>/dev/kvm</c>.</summary>
    [Required]
    public string Accelerator { get; set; } = "tcg";

    /// <summary>CPU model; hot-plugged vCPUs are devices of type <c>&lt;model&gt;-x86_64-cpu</c>.</summary>
    [Required]
    public string CpuModel { get; set; } = "qemu64";

    /// <summary>
    /// QEMU's <c>maxcpus</c>: under TCG QEMU creates at most this many vCPUs over a VM's life (unplugged ones are not
    /// recycled), so every VM gets the largest budget and the guest kernel is told its real maximum
    /// (<c>possible_cpus</c>). 255 is the most <c>-machine pc</c> accepts.
    /// </summary>
    [Range(2, 255)]
    public int VcpuBudget { get; set; } = 255;

    /// <summary>Longest wait for the guest to eject unplugged vCPUs.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan UnplugTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest wait for one guest agent answer; a later answer counts as none.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan GuestAgentTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Longest wait for one QMP answer.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan QmpTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Where the destination of a live migration listens: empty for a Unix socket in the VM's run directory (both
    /// agents on one machine), else an IP address of this host (e.g. <c>127.0.0.1</c>) on which QEMU takes a free port
    /// and accepts the one migration it expects.
    /// </summary>
    public string MigrationAddress { get; set; } = "";

    /// <summary>Longest wait for QEMU to start (until its QMP socket answers).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
