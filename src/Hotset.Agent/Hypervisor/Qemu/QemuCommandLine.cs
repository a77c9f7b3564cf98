using System.Globalization;
using Hotset.Core.Agent;

namespace Hotset.Agent.Hypervisor.Qemu;

/// <summary>
/// QEMU's argv for a VM: one fixed boot vCPU and the rest of the starting count as <c>-device</c> vCPUs (so every
/// vCPU but 0 can be unplugged later), the lifetime vCPU budget as <c>maxcpus</c>, the VM's real maximum as the guest
/// kernel's <c>possible_cpus</c>, QMP and guest agent on Unix sockets, the serial console to a file, daemonized.
/// The destination of a migration gets the same argv with one <c>-device</c> per vCPU plugged on the source now
/// (<c>vcpuSlots</c>) and <c>-incoming defer</c> (its listen address is set over QMP).
/// </summary>
public static class QemuCommandLine
{
    public static IReadOnlyList<string> Build(
        VmDefinition vm, QemuOptions options, QemuRunFiles files, VcpuTopology topology, string kernel, string? initrd,
        IReadOnlyList<int>? vcpuSlots = null, bool incoming = false)
    {
        var machine = string.IsNullOrEmpty(vm.Machine) ? options.Machine : vm.Machine;
        var args = new List<string>
        {
            "-name", $"guest={vm.VmName.Replace(",", ",,", StringComparison.Ordinal)},debug-threads=on",
            "-no-user-config", "-nodefaults", "-nographic", "-nic", "none",
            "-machine", machine, "-accel", options.Accelerator, "-cpu", CpuArgument(options, topology),
            "-m", Invariant($"{vm.MemSizeMiB}M"),
            "-smp", Invariant($"1,sockets={topology.Sockets},cores={topology.Cores},threads={topology.Threads},maxcpus={topology.Slots}"),
        };
        args.AddRange(QemuNumaArgs.Build(vm, topology));
        foreach (var index in (vcpuSlots ?? Enumerable.Range(0, vm.NumberOfCpus)).Where(i => i != 0).Order())
        {
            var (socket, core, thread) = topology.SlotOf(index);
            args.Add("-device");
            args.Add(Invariant($"{CpuDriver(options)},id={VcpuTopology.DeviceId(index)},socket-id={socket},core-id={core},thread-id={thread}"));
        }

        args.AddRange(["-kernel", kernel]);
        if (!string.IsNullOrEmpty(initrd))
        {
            args.AddRange(["-initrd", initrd]);
        }

        args.AddRange(["-append", KernelArgs(vm)]);
        args.AddRange(["-serial", $"file:{files.ConsoleLog}"]);
        args.AddRange(["-qmp", $"unix:{files.QmpSocket},server=on,wait=off"]);
        args.AddRange(["-qmp", $"unix:{files.DiagnosticQmpSocket},server=on,wait=off"]);
        args.AddRange(["-chardev", $"socket,id=qga0,path={files.GuestAgentSocket},server=on,wait=off"]);
        args.AddRange(["-device", "virtio-serial-pci,id=virtio-serial0"]);
        args.AddRange(["-device", "virtserialport,chardev=qga0,name=org.qemu.guest_agent.0"]);
        if (incoming)
        {
            args.AddRange(["-incoming", "defer"]);
        }

        args.AddRange(["-daemonize", "-pidfile", files.PidFile]);
        return args;
    }

    /// <summary>The <c>-cpu</c> value: the model, with the vendor of <see cref="GuestVendor"/> when there is one.</summary>
    public static string CpuArgument(QemuOptions options, VcpuTopology topology) =>
        GuestVendor(options, topology) is { } vendor ? $"{options.CpuModel},vendor={vendor}" : options.CpuModel;

    /// <summary>
    /// The CPU vendor the guest must see, or null for the model's own. <c>qemu64</c> is an AMD model, and Linux tells an
    /// AMD CPU's threads apart only through the <c>topoext</c> leaf, which TCG cannot offer; with more than one thread per
    /// core it is given the Intel vendor, whose topology leaf (0xB) TCG does offer, so the guest sees threads as threads.
    /// Plugged vCPUs inherit it. Both drivers apply it (the libvirt driver as the model's <c>vendor_id</c>).
    /// </summary>
    public static string? GuestVendor(QemuOptions options, VcpuTopology topology) =>
        topology.Threads > 1 && options.CpuModel == "qemu64" ? "GenuineIntel" : null;

    /// <summary>The device type of a hot-pluggable vCPU, e.g. <c>qemu64-x86_64-cpu</c>.</summary>
    public static string CpuDriver(QemuOptions options) => $"{options.CpuModel}-x86_64-cpu";

    /// <summary>Serial console, quiet boot (faster under TCG), the VM's real vCPU maximum, then the VM's own arguments.</summary>
    public static string KernelArgs(VmDefinition vm) =>
        string.Join(' ', new[] { "console=ttyS0", "quiet", Invariant($"possible_cpus={vm.MaxVCpus}"), vm.KernelArgs ?? "" }
            .Where(a => a.Length > 0));

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
