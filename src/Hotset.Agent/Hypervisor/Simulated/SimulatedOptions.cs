using System.ComponentModel.DataAnnotations;

namespace Hotset.Agent.Hypervisor.Simulated;

/// <summary>
/// The simulated hypervisor (section <c>Simulated</c>, used when <c>Agent:Hypervisor</c> is <c>simulated</c>): VMs
/// that exist only as state in the agent's run directories, for scale runs and UI work on machines that cannot run
/// thousands of QEMUs. The latencies default to what real QEMU 10 under TCG was measured to take here
/// (<c>docs/benchmarks.md</c>). It never stands behind a claim that the real path works.
/// </summary>
public sealed class SimulatedOptions
{
    public const string Section = "Simulated";

    /// <summary>From start until the VM answers, as QEMU's QMP socket would.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan StartLatency { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>One vCPU plugged (QEMU's <c>device_add</c>).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan PlugLatency { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>From a plug until the guest has the new vCPU online.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan GuestOnlineDelay { get; set; } = TimeSpan.FromMilliseconds(400);

    /// <summary>One vCPU unplugged, until the guest ejected it.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan UnplugLatency { get; set; } = TimeSpan.FromMilliseconds(150);

    /// <summary>Longest wait for the guest to eject an unplugged vCPU (as <c>Qemu:UnplugTimeout</c>).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan UnplugTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>One answer of the guest agent (online CPUs, usage).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan GuestAgentLatency { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>From the ACPI power button until the guest powered off.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan ShutdownDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Most vCPUs one VM may have, as QEMU's <c>maxcpus</c> on <c>-machine pc</c>.</summary>
    [Range(1, 4096)]
    public int MaxVCpus { get; set; } = 255;

    public SimulatedFaults Faults { get; set; } = new();
}

/// <summary>Faults to inject, each for the VMs whose name starts with <see cref="VmNamePrefix"/> (empty: every VM).</summary>
public sealed class SimulatedFaults
{
    public string VmNamePrefix { get; set; } = "";

    /// <summary>When not empty, every vCPU change fails with this text and changes nothing.</summary>
    public string FailSetVcpus { get; set; } = "";

    /// <summary>Plugged vCPUs never come online in the guest (a guest without CPU hot-plug support).</summary>
    public bool GuestNeverOnlines { get; set; }

    /// <summary>The guest never ejects an unplugged vCPU: the unplug times out and the vCPU stays.</summary>
    public bool GuestRefusesUnplug { get; set; }

    public bool AppliesTo(string vmName) => vmName.StartsWith(VmNamePrefix, StringComparison.Ordinal);
}
