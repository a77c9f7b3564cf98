using System.Globalization;
using System.Xml.Linq;
using Hotset.Agent.Hypervisor.Qemu;
using Hotset.Core.Agent;

namespace Hotset.Agent.Hypervisor.Libvirt;

/// <summary>
/// The libvirt domain of a VM: TCG (<c>type='qemu'</c>), <c>&lt;vcpu current='N'&gt;budget&lt;/vcpu&gt;</c> with every vCPU but 0
/// hot-pluggable, direct kernel boot with the same kernel arguments as <see cref="QemuCommandLine"/>, the serial
/// console to a file and the guest agent's channel in the VM's run directory, and a USB bus (see
/// <see cref="LibvirtVcpus"/> for why).
/// </summary>
internal static class DomainXml
{
    public static string Build(
        string name, VmDefinition vm, QemuOptions qemu, VcpuTopology topology, string kernel, string? initrd, LibvirtRunFiles files)
    {
        var machine = string.IsNullOrEmpty(vm.Machine) ? qemu.Machine : vm.Machine;
        var os = new XElement("os",
            new XElement("type", new XAttribute("arch", "x86_64"), new XAttribute("machine", machine), "hvm"),
            new XElement("kernel", kernel));
        if (!string.IsNullOrEmpty(initrd))
        {
            os.Add(new XElement("initrd", initrd));
        }

        os.Add(new XElement("cmdline", QemuCommandLine.KernelArgs(vm)));
        var domain = new XElement("domain", new XAttribute("type", qemu.Accelerator == "kvm" ? "kvm" : "qemu"),
            new XElement("name", name),
            Guid.TryParse(vm.VmId, out var uuid) ? new XElement("uuid", uuid.ToString()) : null,
            new XElement("title", vm.VmName),
            new XElement("memory", new XAttribute("unit", "MiB"), vm.MemSizeMiB),
            new XElement("vcpu", new XAttribute("placement", "static"), new XAttribute("current", vm.NumberOfCpus), topology.Slots),
            new XElement("vcpus", Enumerable.Range(0, topology.Slots).Select(i => new XElement("vcpu",
                new XAttribute("id", i),
                new XAttribute("enabled", i < vm.NumberOfCpus ? "yes" : "no"),
                new XAttribute("hotpluggable", i == 0 ? "no" : "yes")))),
            os,
            new XElement("features", new XElement("acpi")),
            new XElement("cpu", new XAttribute("mode", "custom"), new XAttribute("match", "exact"),
                new XElement("model", new XAttribute("fallback", "forbid"),
                    QemuCommandLine.GuestVendor(qemu, topology) is { } vendor ? new XAttribute("vendor_id", vendor) : null,
                    qemu.CpuModel),
                new XElement("topology",
                    new XAttribute("sockets", topology.Sockets), new XAttribute("dies", 1),
                    new XAttribute("cores", topology.Cores), new XAttribute("threads", topology.Threads))),
            new XElement("on_poweroff", "destroy"),
            new XElement("on_reboot", "restart"),
            new XElement("on_crash", "destroy"),
            new XElement("devices",
                new XElement("emulator", Emulator(qemu.Binary)),
                new XElement("controller", new XAttribute("type", "usb"), new XAttribute("model", "piix3-uhci")),
                new XElement("serial", new XAttribute("type", "file"),
                    new XElement("source", new XAttribute("path", files.ConsoleLog)),
                    new XElement("target", new XAttribute("port", 0))),
                new XElement("channel", new XAttribute("type", "unix"),
                    new XElement("source", new XAttribute("mode", "bind"), new XAttribute("path", files.GuestAgentSocket)),
                    new XElement("target", new XAttribute("type", "virtio"), new XAttribute("name", "org.qemu.guest_agent.0"))),
                new XElement("memballoon", new XAttribute("model", "none"))));
        return domain.ToString(SaveOptions.DisableFormatting);
    }

    /// <summary>libvirt wants the emulator as an absolute path; a bare name is looked up on <c>PATH</c>.</summary>
    public static string Emulator(string binary) => Path.IsPathRooted(binary)
        ? binary
        : (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin").Split(':')
            .Select(dir => Path.Combine(dir, binary)).FirstOrDefault(File.Exists) ?? Path.Combine("/usr/bin", binary);

    /// <summary>The vCPU ids libvirt has enabled, read from the live domain XML (<c>&lt;vcpus&gt;</c>).</summary>
    public static IReadOnlySet<int> EnabledVcpus(string liveXml) =>
        XElement.Parse(liveXml).Element("vcpus")?.Elements("vcpu")
            .Where(v => (string?)v.Attribute("enabled") == "yes")
            .Select(v => int.Parse((string)v.Attribute("id")!, CultureInfo.InvariantCulture))
            .ToHashSet() ?? [];
}
