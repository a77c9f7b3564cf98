using System.Runtime.CompilerServices;
using Hotset.Agent.Hypervisor.Qemu;
using Hotset.Core.Agent;

namespace Hotset.Agent.Tests.Hypervisor.Qemu;

/// <summary>
/// The test guest built by <c>make guest</c> (<c>.guest/</c> at the repository root, or <c>HOTSET_GUEST_DIR</c>) and
/// QEMU 10. Constructing it fails, with what to do, when either is missing: real-QEMU tests never skip silently.
/// </summary>
public sealed class TestGuest
{
    public TestGuest()
    {
        Directory = Environment.GetEnvironmentVariable("HOTSET_GUEST_DIR") is { Length: > 0 } env ? env : Path.Combine(RepoRoot(), ".guest");
        Kernel = Path.Combine(Directory, "vmlinux");
        Initrd = Path.Combine(Directory, "initramfs.cpio.gz");
        if (!File.Exists(Kernel) || !File.Exists(Initrd))
        {
            throw new InvalidOperationException($"The test guest is not built: {Kernel} or {Initrd} is missing. Run 'make guest' (guest/build.sh) first.");
        }

        if (QemuVersion.Check("qemu-system-x86_64", out _) is { } problem)
        {
            throw new InvalidOperationException(problem);
        }
    }

    public string Directory { get; }

    public string Kernel { get; }

    public string Initrd { get; }

    /// <summary>Options that boot the test guest, with a short unplug timeout so a failing test fails fast.</summary>
    public QemuOptions Options() => new() { GuestKernel = Kernel, GuestInitrd = Initrd, UnplugTimeout = TimeSpan.FromSeconds(5) };

    public static VmDefinition Vm(string name, int cpus, int maxCpus) => new()
    {
        VmId = Guid.NewGuid().ToString(),
        VmName = name,
        MemSizeMiB = 128,
        NumberOfCpus = cpus,
        MaxVCpus = maxCpus,
    };

    /// <summary>A fresh run directory under /tmp (short enough for Unix socket paths).</summary>
    public static string NewRunDirectory() => System.IO.Directory.CreateTempSubdirectory("hotset-vm-").FullName;

    private static string RepoRoot([CallerFilePath] string source = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(source)!, "..", "..", "..", ".."));
}
