namespace Hotset.Agent.Hypervisor.Qemu;

/// <summary>The files of one QEMU process in its run directory.</summary>
public sealed record QemuRunFiles(string Directory)
{
    /// <summary>Longest Unix socket path Linux accepts (<c>sun_path</c> minus the terminating zero).</summary>
    public const int MaxSocketPath = 107;

    public string QmpSocket => Path.Combine(Directory, "qmp.sock");

    /// <summary>
    /// A second QMP monitor for diagnostics and benchmarks (<c>bench/</c>): a QMP socket serves one client at a time
    /// and the agent holds <see cref="QmpSocket"/>. A client that changes the VM here goes behind the agent's back.
    /// </summary>
    public string DiagnosticQmpSocket => Path.Combine(Directory, "qmp-diag.sock");

    public string GuestAgentSocket => Path.Combine(Directory, "qga.sock");

    /// <summary>Where the destination of a migration listens for the VM's state (mode 0700 directory: the agent's user only).</summary>
    public string MigrationSocket => Path.Combine(Directory, "migrate.sock");

    /// <summary>The guest's serial console.</summary>
    public string ConsoleLog => Path.Combine(Directory, "console.log");

    public string PidFile => Path.Combine(Directory, "qemu.pid");

    /// <summary>How many vCPUs QEMU has created over the VM's life (see <see cref="QemuOptions.VcpuBudget"/>).</summary>
    public string CreatedVcpusFile => Path.Combine(Directory, "vcpus-created");

    /// <summary>The files that belong to a running QEMU only; the console log stays for the exit message.</summary>
    public IEnumerable<string> RuntimeFiles => [QmpSocket, DiagnosticQmpSocket, GuestAgentSocket, MigrationSocket, PidFile, CreatedVcpusFile];
}
